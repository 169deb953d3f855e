package io.github.hfoauth;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/**
 * The answer to a request whose Hugging Face token did not authenticate it, for both web
 * stacks: JSON that says what to do, and for a token that is refused the
 * {@code WWW-Authenticate} challenge of RFC 6750 (with a description when the token is of the
 * wrong kind). Never the token, never a stack trace.
 *
 * @param status the HTTP status
 * @param challenge the {@code WWW-Authenticate} header, or {@code null} for none
 * @param json the body
 */
record BearerTokenFailure(int status, @Nullable String challenge, String json) {

	static final String UNAVAILABLE = "hf_unavailable";

	static BearerTokenFailure of(AuthenticationException failure) {
		if (failure instanceof OAuth2AuthenticationException oauth2) {
			String code = oauth2.getError().getErrorCode();
			if (HfOAuth2ErrorCodes.ORGANIZATION_REQUIRED.equals(code)) {
				String description = oauth2.getError().getDescription();
				return new BearerTokenFailure(403, null, HfErrorAnswer.json(code, (description != null) ? description
						: "This app is limited to members of some organizations."));
			}
			if (HfBearerTokenUsers.USER_ACCESS_TOKENS_ONLY.equals(oauth2.getError().getDescription())) {
				return new BearerTokenFailure(401,
						"Bearer error=\"invalid_token\", error_description=\""
								+ HfBearerTokenUsers.USER_ACCESS_TOKENS_ONLY + "\"",
						HfErrorAnswer.json("invalid_token", HfBearerTokenUsers.USER_ACCESS_TOKENS_ONLY));
			}
		}
		if (failure instanceof AuthenticationServiceException) {
			return new BearerTokenFailure(503, null, HfErrorAnswer.json(UNAVAILABLE,
					"Hugging Face could not be reached to check the token: try again in a moment."));
		}
		return new BearerTokenFailure(401, "Bearer error=\"invalid_token\"", HfErrorAnswer.json("invalid_token",
				"Hugging Face does not know this token, or it expired or was revoked: "
						+ "use a token from huggingface.co/settings/tokens."));
	}

}
