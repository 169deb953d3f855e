package io.github.hfoauth.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The quiet period after a failed lookup of the client registration of stored tokens, for the
 * authorized-client repositories of both web stacks: during it lookups are skipped, since each
 * request would otherwise try discovery again, and wait out its timeouts, while Hugging Face is
 * unreachable (the tokens are unusable then anyway).
 */
final class RegistrationLookupPause {

	static final Duration QUIET_AFTER_FAILURE = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(RegistrationLookupPause.class);

	private final Clock clock;

	private volatile @Nullable Instant quietUntil;

	RegistrationLookupPause(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Whether a lookup failed within the quiet period.
	 * @return {@code true} to skip the lookup
	 */
	boolean isQuiet() {
		Instant quietUntil = this.quietUntil;
		return quietUntil != null && this.clock.instant().isBefore(quietUntil);
	}

	void succeeded() {
		this.quietUntil = null;
	}

	void failed(String clientRegistrationId, Throwable failure) {
		this.quietUntil = this.clock.instant().plus(QUIET_AFTER_FAILURE);
		logger.info("The tokens in the session are unusable for now: their client registration '" + clientRegistrationId
				+ "' could not be resolved (" + failure.getClass().getSimpleName() + "); trying again in "
				+ QUIET_AFTER_FAILURE.toSeconds() + " s");
	}

}
