package io.github.hfoauth.sample.reactive;

/**
 * WebFlux sessions written with Java serialization, read through the allow-list.
 */
class ReactiveJdkStoredSessionsTests extends ReactiveStoredSessionsTests {

	@Override
	String serialization() {
		return "jdk";
	}

}
