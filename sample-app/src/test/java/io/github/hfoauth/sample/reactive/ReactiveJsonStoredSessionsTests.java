package io.github.hfoauth.sample.reactive;

/**
 * WebFlux sessions written as JSON ({@code hf.oauth.session.serialization=json}).
 */
class ReactiveJsonStoredSessionsTests extends ReactiveStoredSessionsTests {

	@Override
	String serialization() {
		return "json";
	}

}
