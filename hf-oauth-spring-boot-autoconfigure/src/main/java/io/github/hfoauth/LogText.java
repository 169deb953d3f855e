package io.github.hfoauth;

import java.util.regex.Pattern;

/**
 * Public only for wiring: text from a request or a provider, made fit for one log line, for
 * every package of the starter (a user's name comes from Hugging Face too). Every control and
 * line separator character becomes a space. Stripping only ASCII controls is not enough:
 * U+0085, U+2028 and U+2029 start a new line in many log viewers, forging an entry of their own.
 */
public final class LogText {

	private static final Pattern BREAKING = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}\\u0085\\u2028\\u2029]");

	private LogText() {
	}

	/**
	 * The text, fit for one log line.
	 * @param text text from a request or a provider
	 * @return the text with every control and line separator character replaced by a space
	 */
	public static String clean(String text) {
		return BREAKING.matcher(text).replaceAll(" ");
	}

}
