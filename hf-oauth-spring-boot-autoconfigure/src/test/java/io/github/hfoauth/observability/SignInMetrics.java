package io.github.hfoauth.observability;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the starter's counters in a test: how much one changed since a snapshot, and that no
 * tag of any meter carries something a request chose.
 */
final class SignInMetrics {

	// Every value the starter's sign-in and refresh counters may carry.
	static final Set<String> KNOWN_VALUES = Set.of("success", "failure", "none", "access_denied", "bad_request",
			"expired", "code_used", "invalid_id_token", "provider_unavailable", "provider_error",
			"provider_reported_error", "other", "organization_required", "cookie_blocked", "invalid_grant",
			"invalid_client", "unauthorized_client", "refused", "space", "properties", "mock");

	private final MeterRegistry registry;

	SignInMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	double signIns(String outcome, String reason, String mode) {
		Counter counter = this.registry.find("hf.oauth.sign-ins")
			.tags("outcome", outcome, "reason", reason, "mode", mode)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	double refreshes(String outcome, String reason) {
		Counter counter = this.registry.find("hf.oauth.refreshes").tags("outcome", outcome, "reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	double total(String name) {
		return this.registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
	}

	void assertOnlyKnownTagValues(String... forbidden) {
		List<Meter> meters = Stream.of("hf.oauth.sign-ins", "hf.oauth.refreshes")
			.flatMap((name) -> this.registry.find(name).meters().stream())
			.toList();
		assertThat(meters).isNotEmpty();
		for (Meter meter : meters) {
			for (Tag tag : meter.getId().getTags()) {
				assertThat(KNOWN_VALUES).as("%s of %s", tag.getKey(), meter.getId()).contains(tag.getValue());
			}
		}
		List<String> allTagValues = this.registry.getMeters()
			.stream()
			.flatMap((meter) -> meter.getId().getTags().stream())
			.map(Tag::getValue)
			.toList();
		for (String text : forbidden) {
			assertThat(allTagValues).as("tag values of every meter").noneMatch((value) -> value.contains(text));
		}
	}

}
