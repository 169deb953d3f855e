package io.github.hfoauth.sample;

/**
 * Shared sessions written with Java serialization, Spring Session's default.
 */
class JdkSharedSessionsTest extends SharedSessionsTests {

	@Override
	String serialization() {
		return "jdk";
	}

}
