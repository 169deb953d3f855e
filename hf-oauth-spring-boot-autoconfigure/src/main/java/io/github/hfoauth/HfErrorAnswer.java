package io.github.hfoauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/**
 * The starter's answer when something fails for a user: a small page in plain words for
 * browsers, {@code {"error": ..., "message": ...}} for API clients. Never a stack trace.
 */
final class HfErrorAnswer {

	private HfErrorAnswer() {
	}

	/**
	 * Writes the answer.
	 * @param request the request, whose {@code Accept} header decides between page and JSON
	 * @param response the response
	 * @param status the status
	 * @param code the {@code error} of the JSON answer, a word
	 * @param title the page's title and heading
	 * @param message what happened, in plain words
	 * @param nextSteps the page's links onwards, as HTML whose values are escaped
	 * @throws IOException if the answer cannot be written
	 */
	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			String title, String message, String nextSteps) throws IOException {
		response.setStatus(status.value());
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		if (wantsJson(request)) {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter().write("{\"error\":\"" + code + "\",\"message\":\"" + jsonString(message) + "\"}");
			return;
		}
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.getWriter()
			.write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
					+ "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>"
					+ "<body style=\"font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem\">"
					+ "<h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(message) + "</p>"
					+ nextSteps + "</body></html>");
	}

	private static boolean wantsJson(HttpServletRequest request) {
		List<MediaType> accepted;
		try {
			accepted = MediaType.parseMediaTypes(request.getHeader("Accept"));
		}
		catch (RuntimeException ex) {
			return false;
		}
		for (MediaType type : accepted) {
			if (type.isCompatibleWith(MediaType.TEXT_HTML)) {
				return false;
			}
			if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
				return true;
			}
		}
		return false;
	}

	// The messages are the starter's own words and configured organization names: escape them
	// as JSON strings all the same.
	private static String jsonString(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("\\p{Cntrl}", " ");
	}

}
