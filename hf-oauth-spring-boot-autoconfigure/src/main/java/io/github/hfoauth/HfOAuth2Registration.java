package io.github.hfoauth;

/**
 * The names of the Hugging Face client registration that both web stacks, the API client,
 * the test support and applications share, as Spring Security's {@code IdTokenClaimNames}
 * holds the claim names: link a "Sign in" button to {@link #LOGIN_URL}.
 */
public final class HfOAuth2Registration {

	/** The id of the Hugging Face client registration, as in Spring Security's URLs. */
	public static final String REGISTRATION_ID = "huggingface";

	/** Where a sign-in with Hugging Face starts; link a "Sign in" button here. */
	public static final String LOGIN_URL = "/oauth2/authorization/" + REGISTRATION_ID;

	private HfOAuth2Registration() {
	}

}
