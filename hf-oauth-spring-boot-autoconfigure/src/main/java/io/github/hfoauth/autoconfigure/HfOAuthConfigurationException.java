package io.github.hfoauth.autoconfigure;

/**
 * A configuration that cannot sign anyone in. Reported at startup by
 * {@link HfOAuthFailureAnalyzer} as a description and the action that fixes it.
 */
final class HfOAuthConfigurationException extends RuntimeException {

	private final String action;

	HfOAuthConfigurationException(String description, String action) {
		super(description);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
