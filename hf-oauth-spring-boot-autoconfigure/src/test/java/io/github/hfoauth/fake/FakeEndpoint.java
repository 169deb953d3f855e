package io.github.hfoauth.fake;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;

/**
 * One endpoint of the fake: a WireMock response transformer that only the stubs naming it
 * use, and that reads the fake's settings on every request.
 */
abstract class FakeEndpoint implements ResponseTransformerV2 {

	private final String name;

	FakeEndpoint(String name) {
		this.name = name;
	}

	@Override
	public final String getName() {
		return this.name;
	}

	@Override
	public final boolean applyGlobally() {
		return false;
	}

}
