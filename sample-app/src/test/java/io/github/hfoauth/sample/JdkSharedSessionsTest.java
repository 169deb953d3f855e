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
		return 4_700; // measured 4,643 bytes
	}

}
