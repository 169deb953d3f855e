package io.github.hfoauth;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;

/**
 * The starter's answer when something fails for a user, for servlet and reactive apps alike: a
 * small page in plain words for browsers, {@code {"error": ..., "message": ...}} for API
 * clients. Never a stack trace.
 */
final class HfErrorAnswer {

	private HfErrorAnswer() {
	}

	/**
	 * The answer for API clients.
	 * @param code the {@code error}, a word
	 * @param message what happened, in plain words
	 * @return the JSON
	 */
	static String json(String code, String message) {
		return "{\"error\":\"" + code + "\",\"message\":\"" + jsonString(message) + "\"}";
	}

	/**
	 * The answer for an API client that is not signed in: where a browser would be sent to
	 * sign in, without sending it there.
	 * @param loginUrl the sign-in URL, with the application's context path
	 * @return the JSON
	 */
	static String signInFirst(String loginUrl) {
		return "{\"error\":\"unauthorized\",\"message\":\"Sign in with Hugging Face first.\",\"login\":\""
				+ jsonString(loginUrl) + "\"}";
	}

	/**
	 * The answer for browsers.
	 * @param title the page's title and heading
	 * @param message what happened, in plain words
	 * @param nextSteps the links onwards, as HTML whose values are escaped
	 * @return the page
	 */
	static String page(String title, String message, String nextSteps) {
		return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + HtmlUtils.htmlEscape(title)
				+ "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>"
				+ "<body style=\"font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem\">"
				+ "<h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(message) + "</p>" + nextSteps
				+ "</body></html>";
	}

	/**
	 * Whether the client asks for JSON rather than a page.
	 * @param accept the request's {@code Accept} header, or {@code null}
	 * @return {@code true} for JSON
	 */
	static boolean wantsJson(@Nullable String accept) {
		List<MediaType> accepted;
		try {
			accepted = MediaType.parseMediaTypes(accept);
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
