package io.github.hfoauth.fake;

import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jose.jwk.JWKSet;

/** {@code GET /oauth/jwks}: the public half of the current signing key only. */
final class JwksEndpoint extends FakeEndpoint {

	static final String NAME = "fake-hf-jwks";

	private final FakeSettings settings;

	JwksEndpoint(FakeSettings settings) {
		super(NAME);
		this.settings = settings;
	}

	// Read per request because rotateKey() swaps the key while the server keeps running.
	@Override
	public Response transform(Response response, ServeEvent serveEvent) {
		JWKSet keys = new JWKSet(settings.signingKey().toPublicJWK());
		return Responses.json(response, 200, keys.toString());
	}

}
