package io.github.hfoauth;

import java.util.Locale;

/**
 * How users sign in, decided once from the environment when the application starts (never at
 * build time, so that an image built with Spring AOT decides again where it runs). The
 * auto-configuration registers it as a bean; inject it to tell the modes apart, for instance
 * in a metric's tag ({@link #tagValue()}).
 */
public enum HfSignInMode {

	/** In a Hugging Face Space ({@code SPACE_ID} is set), with the Space's OAuth client. */
	SPACE,

	/** With the OAuth client of {@code hf.oauth.*}, or the application's own registrations. */
	PROPERTIES,

	/** Local development: nothing configures a client, so the mock user signs in. */
	MOCK;

	/**
	 * The mode as a lower-case word, fit for a low-cardinality tag or a log line.
	 * @return {@code space}, {@code properties} or {@code mock}
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
