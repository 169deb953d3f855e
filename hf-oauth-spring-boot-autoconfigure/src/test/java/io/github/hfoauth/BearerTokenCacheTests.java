package io.github.hfoauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The answers about tokens: remembered for a bounded time and number, keyed by a hash, fetched
 * once at a time per token, and never remembered when the lookup failed.
 */
class BearerTokenCacheTests {

	private final MutableClock clock = new MutableClock();

	// Two answers and one refusal: a refusal is an answer that starts with "refused".
	private final BearerTokenCache<String> cache = new BearerTokenCache<>(Duration.ofMinutes(5), 2, 1,
			(answer) -> answer.startsWith("refused"), this.clock);

	private final AtomicInteger lookups = new AtomicInteger();

	@Test
	void anAnswerIsRememberedForItsTimeToLive() {
		assertThat(get("hf_a")).isEqualTo("answer 1");
		this.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
		assertThat(get("hf_a")).isEqualTo("answer 1");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(get("hf_a")).as("expired: asked again").isEqualTo("answer 2");
	}

	@Test
	void theAnswerUsedLongestAgoIsForgottenWhenFull() {
		get("hf_a");
		get("hf_b");
		assertThat(get("hf_a")).as("used again").isEqualTo("answer 1");
		get("hf_c");
		assertThat(this.cache.size()).isEqualTo(2);
		assertThat(get("hf_a")).as("used recently: kept").isEqualTo("answer 1");
		assertThat(get("hf_b")).as("used longest ago: forgotten, asked again").isEqualTo("answer 4");
	}

	@Test
	void refusalsAreRememberedApartAndCannotPushTheAnswersOut() {
		get("hf_a");
		get("hf_b");
		for (int i = 0; i < 100; i++) {
			assertThat(refusal("hf_junk" + i)).isEqualTo("refused " + i);
		}
		assertThat(this.cache.refusals()).isEqualTo(1);
		assertThat(get("hf_a")).isEqualTo("answer 1");
		assertThat(get("hf_b")).isEqualTo("answer 2");
		assertThat(refusal("hf_junk99")).as("the latest refusal is remembered").isEqualTo("refused 99");
	}

	@Test
	void requestsWaitForTheLookupAlreadyRunningForTheirToken() {
		CompletableFuture<String> running = new CompletableFuture<>();
		CompletableFuture<String> first = this.cache.get("hf_a", () -> running);
		CompletableFuture<String> second = this.cache.get("hf_a", () -> {
			throw new AssertionError("a second lookup");
		});
		assertThat(second).isNotDone();
		running.complete("answer");
		assertThat(first.join()).isEqualTo("answer");
		assertThat(second.join()).isEqualTo("answer");
	}

	@Test
	void aFailedLookupIsNotRemembered() {
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> this.cache
			.get("hf_a", () -> CompletableFuture.failedFuture(new IllegalStateException("Hub down")))
			.join());
		assertThat(get("hf_a")).isEqualTo("answer 1");
	}

	@Test
	void theKeyIsAHashNeverTheToken() {
		assertThat(BearerTokenCache.hash("hf_secret")).hasSize(64).doesNotContain("secret")
			.isEqualTo(BearerTokenCache.hash("hf_secret"))
			.isNotEqualTo(BearerTokenCache.hash("hf_secreT"));
	}

	private String refusal(String token) {
		return this.cache.get(token, () -> CompletableFuture.completedFuture("refused " + token.substring(7))).join();
	}

	private String get(String token) {
		return this.cache.get(token, () -> CompletableFuture.completedFuture("answer " + this.lookups.incrementAndGet()))
			.join();
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-12-03T08:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
