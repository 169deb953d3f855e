package io.github.hfoauth.bench;

/**
 * How much each figure measures: the full run for the committed results, a quick one for
 * iterating on the harness.
 */
record Settings(boolean quick, int startupRuns, int warmupSeconds, int throughputRounds, int throughputSeconds,
		int warmupLogins, int loginRounds, int loginsPerRound, int sessions, int coldStartRuns) {

	static final int CONNECTIONS = 16;

	static Settings of(boolean quick) {
		return quick ? new Settings(true, 2, 3, 1, 3, 50, 1, 100, 300, 1)
				: new Settings(false, 5, 10, 3, 10, 200, 3, 400, 10_000, 5);
	}

	/** The same settings with another number of sessions for figure 4 ({@code --sessions=N}). */
	Settings withSessions(int sessions) {
		return new Settings(quick, startupRuns, warmupSeconds, throughputRounds, throughputSeconds, warmupLogins,
				loginRounds, loginsPerRound, sessions, coldStartRuns);
	}

}
