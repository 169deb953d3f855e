package io.github.hfoauth.session;

import java.time.Duration;

/**
 * Public only for wiring: the auto-configurations derive it from {@code hf.oauth.*}'s timeouts.
 * <p>
 * How long a session's refresh may take, and so how long its lock lives and how long the
 * session's other requests wait for it, derived from the timeouts of the calls to Hugging
 * Face.
 * <p>
 * A refresh is at most three calls (the token call, and on WebFlux the ID token's keys and
 * userinfo), each bounded by the connect and read timeouts.
 */
public final class HfRefreshTimes {

	private static final int CALLS_PER_REFRESH = 3;

	// A lock must outlive its holder's refresh, or a second refresh spends the rotated token.
	private static final Duration LOCK_MARGIN = Duration.ofSeconds(10);

	// Waiters give up a little after the holder's worst case, well before the lock expires.
	private static final Duration WAIT_MARGIN = Duration.ofSeconds(2);

	private final Duration longestRefresh;

	private HfRefreshTimes(Duration longestRefresh) {
		this.longestRefresh = longestRefresh;
	}

	/**
	 * The times of a refresh whose calls have these timeouts.
	 * @param connectTimeout {@code hf.oauth.connect-timeout}
	 * @param readTimeout {@code hf.oauth.read-timeout}
	 * @return the times
	 */
	public static HfRefreshTimes of(Duration connectTimeout, Duration readTimeout) {
		return new HfRefreshTimes(connectTimeout.plus(readTimeout).multipliedBy(CALLS_PER_REFRESH));
	}

	/**
	 * The times with the default timeouts (5 s each).
	 * @return the times
	 */
	public static HfRefreshTimes defaults() {
		return of(Duration.ofSeconds(5), Duration.ofSeconds(5));
	}

	/** @return how long a lock lives when its holder never releases it (it died) */
	public Duration lockTimeToLive() {
		return this.longestRefresh.plus(LOCK_MARGIN);
	}

	/** @return how long a request waits for another request's refresh before it gives up */
	public Duration waitForRefresh() {
		return this.longestRefresh.plus(WAIT_MARGIN);
	}

}
