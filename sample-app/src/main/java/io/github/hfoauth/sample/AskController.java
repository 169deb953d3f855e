package io.github.hfoauth.sample;

import java.util.List;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.api.HfApiClient;
import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.api.HfChatCompletion;
import io.github.hfoauth.api.HfChatRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Ask a model": runs a prompt on Inference Providers with the visitor's own Hugging Face
 * token (scope {@code inference-api}), and says plainly what to do when that fails.
 */
@Controller
class AskController {

	// Long prompts cost the visitor's quota and the page's patience alike.
	private static final int MAX_PROMPT_LENGTH = 4000;

	private final HfApiClient huggingFace;

	private final String defaultModel;

	AskController(HfApiClient huggingFace, SampleProperties properties) {
		this.huggingFace = huggingFace;
		this.defaultModel = properties.model();
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
			HfChatCompletion answer = this.huggingFace.chatCompletion(
					new HfChatRequest(chosen, List.of(new HfChatRequest.Message("user", prompt)), 512, 0.7));
			page.addAttribute("answer", answer);
		}
		catch (HfApiException ex) {
			// Its message is written for the user: what happened and what fixes it.
			page.addAttribute("problem", ex.getMessage());
			page.addAttribute("signInAgain", ex.getKind() == HfApiException.Kind.SIGN_IN_AGAIN);
		}
		return "ask";
	}

}
