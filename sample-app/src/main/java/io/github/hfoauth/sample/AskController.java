package io.github.hfoauth.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.api.HfApiClient;
import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.api.HfChatCompletion;
import io.github.hfoauth.api.HfChatRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Ask a model": runs a prompt on Inference Providers with the visitor's own Hugging Face
 * token (scope {@code inference-api}), and says plainly what to do when that fails. The page's
 * script asks {@code POST /ask/stream} and shows the answer as it is generated; without
 * JavaScript the form posts to {@code /ask} and the page shows the whole answer.
 */
@Controller
class AskController {

	private static final String NDJSON = "application/x-ndjson";

	// Long prompts cost the visitor's quota and the page's patience alike.
	private static final int MAX_PROMPT_LENGTH = 4000;

	private final HfApiClient huggingFace;

	private final String defaultModel;

	private final JsonMapper json;

	AskController(HfApiClient huggingFace, SampleProperties properties, JsonMapper json) {
		this.huggingFace = huggingFace;
		this.defaultModel = properties.model();
		this.json = json;
	}

	@GetMapping("/ask")
	String form(@AuthenticationPrincipal HfOAuth2User user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("model", this.defaultModel);
		model.addAttribute("prompt", "");
		return "ask";
	}

	@PostMapping("/ask")
	String ask(@AuthenticationPrincipal HfOAuth2User user, @RequestParam String prompt,
			@RequestParam(required = false) String model, Model page) {
		String chosen = StringUtils.hasText(model) ? model.trim() : this.defaultModel;
		page.addAttribute("user", user);
		page.addAttribute("model", chosen);
		page.addAttribute("prompt", prompt);
		if (!StringUtils.hasText(prompt) || prompt.length() > MAX_PROMPT_LENGTH) {
			page.addAttribute("problem", "Write a question of at most " + MAX_PROMPT_LENGTH + " characters.");
			return "ask";
		}
		try {
			HfChatCompletion answer = this.huggingFace.chatCompletion(question(chosen, prompt));
			page.addAttribute("answer", answer);
		}
		catch (HfApiException ex) {
			// Its message is written for the user: what happened and what fixes it.
			page.addAttribute("problem", ex.getMessage());
			page.addAttribute("signInAgain", ex.getKind() == HfApiException.Kind.SIGN_IN_AGAIN);
		}
		return "ask";
	}


	/**
	 * The answer as it is generated, one JSON object a line ({@code application/x-ndjson}):
	 * {@code {"text":...}} for each piece, then {@code {"done":true,...}}, or
	 * {@code {"problem":...}} with what to do. Each line is flushed as it is written: nothing
	 * between the model and the browser may hold the answer back.
	 */
	@PostMapping(path = "/ask/stream", produces = NDJSON)
	void stream(@RequestParam String prompt, @RequestParam(required = false) String model,
			HttpServletResponse response) throws IOException {
		String chosen = StringUtils.hasText(model) ? model.trim() : this.defaultModel;
		response.setContentType(NDJSON);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		// Proxies such as nginx buffer answers unless told not to.
		response.setHeader("X-Accel-Buffering", "no");
		OutputStream out = response.getOutputStream();
		if (!StringUtils.hasText(prompt) || prompt.length() > MAX_PROMPT_LENGTH) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			line(out, Map.of("problem", "Write a question of at most " + MAX_PROMPT_LENGTH + " characters."));
			return;
		}
		try {
			HfChatCompletion answer = this.huggingFace.streamChatCompletion(question(chosen, prompt),
					(chunk) -> line(out, Map.of("text", chunk.content())));
			line(out, Map.of("done", true, "model", String.valueOf(answer.model()), "finishReason",
					String.valueOf(answer.finishReason())));
		}
		catch (HfApiException ex) {
			line(out, Map.of("problem", ex.getMessage(), "signInAgain", ex.getKind() == HfApiException.Kind.SIGN_IN_AGAIN));
		}
		catch (UncheckedIOException ex) {
			// The visitor went away; the client has already closed the connection to Hugging Face.
		}
	}

	private void line(OutputStream out, Map<String, Object> value) {
		try {
			out.write(this.json.writeValueAsBytes(value));
			out.write('\n');
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static HfChatRequest question(String model, String prompt) {
		return new HfChatRequest(model, List.of(new HfChatRequest.Message("user", prompt)), 512, 0.7);
	}

}
