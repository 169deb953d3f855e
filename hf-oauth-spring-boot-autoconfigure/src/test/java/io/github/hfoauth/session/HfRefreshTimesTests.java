package io.github.hfoauth.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refresh lock outlives the longest refresh the timeouts allow, and waiters wait for it.
 */
class HfRefreshTimesTests {

	@Test
	void theLockOutlivesThreeCallsAtTheirTimeoutsAndTheWaitCoversOneRefresh() {
		HfRefreshTimes times = HfRefreshTimes.of(Duration.ofSeconds(5), Duration.ofSeconds(20));
		assertThat(times.lockTimeToLive()).isGreaterThan(Duration.ofSeconds(75));
		assertThat(times.waitForRefresh()).isGreaterThanOrEqualTo(Duration.ofSeconds(75))
			.isLessThan(times.lockTimeToLive());
	}

}
