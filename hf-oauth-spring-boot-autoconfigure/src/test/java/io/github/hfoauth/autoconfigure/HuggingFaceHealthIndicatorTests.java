package io.github.hfoauth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.hfoauth.fake.Burst;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code huggingface} health indicators against the fake Hugging Face: UP while the
 * discovery document can be read, one call a minute whatever the probe rate, and an outage that
 * leaves the app's overall status UP unless {@code hf.oauth.health.down-when-unreachable} is set.
 */
class HuggingFaceHealthIndicatorTests {

	private static final FakeHuggingFace fake = FakeHuggingFace.start();

	private final MovableClock clock = new MovableClock();

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@AfterEach
	void repair() {
		fake.repair().resetRequests();
	}

	@Test
	void upWhileTheDiscoveryDocumentCanBeRead() {
		Health health = indicator(false).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("discovery",
				fake.baseUrl() + "/.well-known/openid-configuration");
	}

	@Test
	void probesWithinAMinuteShareOneCall() {
		HuggingFaceHealthIndicator indicator = indicator(false);
		fake.resetRequests();
		Burst.of(16, (i) -> indicator.health());
		assertThat(fake.discoveryRequests()).as("one call for 16 probes at once").hasSize(1);
		this.clock.advance(Duration.ofSeconds(59));
		indicator.health();
		assertThat(fake.discoveryRequests()).as("still fresh").hasSize(1);
		this.clock.advance(Duration.ofSeconds(1));
		indicator.health();
		assertThat(fake.discoveryRequests()).as("a minute later, checked again").hasSize(2);
	}

	@Test
	void anOutageLeavesTheOverallStatusUpByDefault() {
		fake.breakEndpoint("/.well-known/openid-configuration", WireMock.aResponse().withStatus(503));
		Health health = indicator(false).health();
		assertThat(health.getStatus().getCode()).isEqualTo("UNREACHABLE");
		assertThat(health.getDetails()).containsKey("error");
		assertThat(StatusAggregator.getDefault().getAggregateStatus(Set.of(Status.UP, health.getStatus())))
			.isEqualTo(Status.UP);
		assertThat(HttpCodeStatusMapper.getDefault().getStatusCode(health.getStatus())).isEqualTo(200);
	}

	@Test
	void anOutageTakesTheAppDownWhenThePropertySaysSo() {
		fake.breakEndpoint("/.well-known/openid-configuration", WireMock.aResponse().withStatus(503));
		Health health = indicator(true).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(StatusAggregator.getDefault().getAggregateStatus(Set.of(Status.UP, health.getStatus())))
			.isEqualTo(Status.DOWN);
		assertThat(new SimpleHttpCodeStatusMapper().getStatusCode(health.getStatus())).isEqualTo(503);
	}

	@Test
	void anOutageIsCachedToo() {
		fake.breakEndpoint("/.well-known/openid-configuration", WireMock.aResponse().withStatus(503));
		HuggingFaceHealthIndicator indicator = indicator(false);
		indicator.health();
		fake.repair();
		assertThat(indicator.health().getStatus().getCode()).as("until the minute is over").isEqualTo("UNREACHABLE");
		this.clock.advance(DiscoveryHealth.CHECK_INTERVAL);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void theReactiveTwinAnswersFromTheSameCheck() {
		DiscoveryHealth discovery = discovery(false);
		HuggingFaceReactiveHealthIndicator indicator = new HuggingFaceReactiveHealthIndicator(discovery,
				new HuggingFaceHealthIndicator(discovery, http().plain()));
		fake.resetRequests();
		List<Health> answers = Flux.range(0, 8).flatMap((i) -> indicator.health()).collectList().block();
		assertThat(answers).hasSize(8).allSatisfy((health) -> assertThat(health.getStatus()).isEqualTo(Status.UP));
		assertThat(fake.discoveryRequests()).hasSize(1);
		fake.breakEndpoint("/.well-known/openid-configuration", WireMock.aResponse().withStatus(503));
		this.clock.advance(DiscoveryHealth.CHECK_INTERVAL);
		assertThat(indicator.health().block().getStatus().getCode()).isEqualTo("UNREACHABLE");
	}

	private HuggingFaceHealthIndicator indicator(boolean downWhenUnreachable) {
		return new HuggingFaceHealthIndicator(discovery(downWhenUnreachable), http().plain());
	}

	private DiscoveryHealth discovery(boolean downWhenUnreachable) {
		return new DiscoveryHealth(fake.baseUrl() + "/.well-known/openid-configuration", downWhenUnreachable,
				this.clock);
	}

	private static HfProviderHttp http() {
		ObjectProvider<io.micrometer.observation.ObservationRegistry> none = new StaticListableBeanFactory()
			.getBeanProvider(io.micrometer.observation.ObservationRegistry.class);
		return new HfProviderHttp(new HfOAuthProperties(), none);
	}

	private static final class MovableClock extends Clock {

		private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-03T08:00:00Z"));

		void advance(Duration duration) {
			this.now.updateAndGet((instant) -> instant.plus(duration));
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

	}

}
