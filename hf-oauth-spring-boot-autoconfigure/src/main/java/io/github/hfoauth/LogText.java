package io.github.hfoauth;

import java.util.regex.Pattern;

/**
 * Text from a request or a provider, made fit for one log line: every control and line
 * separator character becomes a space. Stripping only ASCII controls is not enough: U+0085,
 * U+2028 and U+2029 start a new line in many log viewers, forging an entry of their own.
 */
final class LogText {

	private static final Pattern BREAKING = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}\\u0085\\u2028\\u2029]");

	private LogText() {
	}

	static String clean(String text) {
		return BREAKING.matcher(text).replaceAll(" ");
	}

}
