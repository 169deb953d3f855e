package io.github.hfoauth.sample;

/**
 * Shared sessions written with Java serialization, Spring Session's default.
 */
class JdkSharedSessionsTests extends SharedSessionsTests {

	@Override
	String serialization() {
		return "jdk";
	}

}
