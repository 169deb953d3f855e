package io.github.hfoauth;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * A sign-in the starter itself refused, with one of its own {@link HfOAuth2ErrorCodes} and a
 * description in its own words. Only such an exception is trusted to carry those codes: the
 * same code in the callback's {@code error} parameter can come from anyone, so its
 * {@code error_description} is never logged or shown. An application that answers failed
 * sign-ins itself tells them apart with {@code instanceof HfSignInException}.
 */
public class HfSignInException extends OAuth2AuthenticationException {

	/**
	 * Creates the exception.
	 * @param errorCode one of {@link HfOAuth2ErrorCodes}
	 * @param description what went wrong, in the starter's own words
	 */
	public HfSignInException(String errorCode, String description) {
		super(new OAuth2Error(errorCode, description, null), description);
	}

}
