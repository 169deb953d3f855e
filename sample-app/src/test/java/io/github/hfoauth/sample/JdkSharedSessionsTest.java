package io.github.hfoauth.sample;

/**
 * Shared sessions written with Java serialization, Spring Session's default.
 */
class JdkSharedSessionsTest extends SharedSessionsTests {

	@Override
	String serialization() {
		return "jdk";
	}

	@Override
	int typicalSessionCeiling() {
		return 5_120; // measured 5,051 bytes
	}

}
