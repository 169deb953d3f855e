package io.github.hfoauth;

/**
 * The OAuth2 error codes the starter itself raises, beside the standard ones
 * ({@code access_denied}, {@code invalid_id_token}, ...). An application that answers failed
 * sign-ins itself can tell them apart with
 * {@code OAuth2AuthenticationException#getError().getErrorCode()}.
 */
public final class HfOAuth2ErrorCodes {

	/** Hugging Face could not be reached, or its discovery document was unusable. */
	public static final String PROVIDER_UNAVAILABLE = "hf_provider_unavailable";

	/** The user is not a member (with the role) of an organization the app is limited to. */
	public static final String ORGANIZATION_REQUIRED = "hf_organization_required";

	private HfOAuth2ErrorCodes() {
	}

}
