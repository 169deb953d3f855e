package io.github.hfoauth.autoconfigure;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.web.client.RestClient;

/**
 * The {@code huggingface} health of a servlet app: whether Hugging Face's discovery document
 * can be read ({@link DiscoveryHealth}), with the starter's timeouts.
 */
final class HuggingFaceHealthIndicator implements HealthIndicator {

	private final DiscoveryHealth discovery;

	private final RestClient restClient;

	HuggingFaceHealthIndicator(DiscoveryHealth discovery, RestClient restClient) {
		this.discovery = discovery;
		this.restClient = restClient;
	}

	// One check at a time: probes that arrive meanwhile wait for its answer, not call again.
	@Override
	public synchronized Health health() {
		Health fresh = this.discovery.fresh();
		if (fresh != null) {
			return fresh;
		}
		try {
			this.restClient.get().uri(this.discovery.location()).retrieve().toBodilessEntity();
			return this.discovery.readable();
		}
		catch (RuntimeException ex) {
			return this.discovery.unreadable(ex);
		}
	}

}
