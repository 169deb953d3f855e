package io.github.hfoauth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of Hugging Face as the {@code huggingface} indicators report it, decided once for
 * both web stacks: whether its discovery document can be read, checked at most once a
 * {@link #CHECK_INTERVAL} whatever the probe rate, and an outage reported as
 * {@link #UNREACHABLE} (which the overall status ignores) unless
 * {@code hf.oauth.health.down-when-unreachable} is set.
 */
final class DiscoveryHealth {

	static final Duration CHECK_INTERVAL = Duration.ofMinutes(1);

	/**
	 * Not in Spring Boot's status order, so the overall status leaves it out: the app stays UP,
	 * and the component's own status says what is wrong.
	 */
	static final Status UNREACHABLE = new Status("UNREACHABLE",
			"Hugging Face's discovery document could not be read: new sign-ins fail until it can");

	private final String location;

	private final boolean downWhenUnreachable;

	private final Clock clock;

	private @Nullable Health last;

	private @Nullable Instant checkedAt;

	DiscoveryHealth(String location, boolean downWhenUnreachable, Clock clock) {
		this.location = location;
		this.downWhenUnreachable = downWhenUnreachable;
		this.clock = clock;
	}

	String location() {
		return this.location;
	}

	/** The last check's health while it is fresh, else {@code null}: time to check again. */
	synchronized @Nullable Health fresh() {
		Instant at = this.checkedAt;
		return (at != null && this.clock.instant().isBefore(at.plus(CHECK_INTERVAL))) ? this.last : null;
	}

	synchronized Health readable() {
		return remember(Health.up().withDetail("discovery", this.location).build());
	}

	// Only the failure's type: a message can carry the provider's answer.
	synchronized Health unreadable(Throwable failure) {
		Health.Builder builder = this.downWhenUnreachable ? Health.down() : Health.status(UNREACHABLE);
		return remember(builder.withDetail("discovery", this.location)
			.withDetail("error", failure.getClass().getSimpleName())
			.build());
	}

	private Health remember(Health health) {
		this.last = health;
		this.checkedAt = this.clock.instant();
		return health;
	}

}
