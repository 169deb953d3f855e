package io.github.hfoauth.autoconfigure;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * The {@code huggingface} health of a WebFlux app: the servlet indicator's check, answered at
 * once while fresh, else run on a worker thread as the starter's discovery is
 * ({@link WorkerThreads}).
 */
final class HuggingFaceReactiveHealthIndicator implements ReactiveHealthIndicator {

	private final DiscoveryHealth discovery;

	private final HealthIndicator check;

	HuggingFaceReactiveHealthIndicator(DiscoveryHealth discovery, HealthIndicator check) {
		this.discovery = discovery;
		this.check = check;
	}

	@Override
	public Mono<Health> health() {
		return Mono.defer(() -> {
			Health fresh = this.discovery.fresh();
			return (fresh != null) ? Mono.just(fresh) : WorkerThreads.call(this.check::health);
		});
	}

}
