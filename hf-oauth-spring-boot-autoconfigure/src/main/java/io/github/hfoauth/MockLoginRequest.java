package io.github.hfoauth;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request to sign in the mock user: carries nothing, since the mock user is configured.
 */
final class MockLoginRequest extends AbstractAuthenticationToken {

	MockLoginRequest() {
		super(List.of());
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return "mock";
	}

}
