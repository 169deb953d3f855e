package io.github.hfoauth.sample;

/**
 * Shared sessions written as JSON ({@code hf.oauth.session.serialization=json}), with Spring
 * Security's Jackson support and the starter's types.
 */
class JsonSharedSessionsTests extends SharedSessionsTests {

	@Override
	String serialization() {
		return "json";
	}

}
