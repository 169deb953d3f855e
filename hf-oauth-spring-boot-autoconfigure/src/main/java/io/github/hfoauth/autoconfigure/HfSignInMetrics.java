package io.github.hfoauth.autoconfigure;

import java.util.regex.Pattern;

import io.github.hfoauth.HfSignInEvent;
import io.github.hfoauth.HfTokenRefreshEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;

/**
 * Counts sign-ins ({@value #SIGN_INS}: outcome, reason, mode) and token refreshes
 * ({@value #REFRESHES}: outcome, reason) from the starter's events. Every tag value comes from
 * a fixed set, so no tag carries user input or a user's name.
 */
final class HfSignInMetrics {

	static final String SIGN_INS = "hf.oauth.sign-ins";

	static final String REFRESHES = "hf.oauth.refreshes";

	// The starter's reasons are lower-case words; an application's own event with anything
	// else must not add a tag value per request.
	private static final Pattern REASON = Pattern.compile("[a-z_]{1,40}");

	private final MeterRegistry registry;

	private final String mode;

	HfSignInMetrics(MeterRegistry registry, String mode) {
		this.registry = registry;
		this.mode = mode;
		// Shown at /actuator/metrics/hf.oauth.sign-ins from the start, not after the first sign-in.
		signIns("success", HfSignInEvent.SUCCESS_REASON);
		refreshes("success", HfSignInEvent.SUCCESS_REASON);
	}

	@EventListener
	void signedIn(HfSignInEvent event) {
		signIns(event.success() ? "success" : "failure", reason(event.reason())).increment();
	}

	@EventListener
	void refreshed(HfTokenRefreshEvent event) {
		refreshes(event.success() ? "success" : "failure", reason(event.reason())).increment();
	}

	private Counter signIns(String outcome, String reason) {
		return Counter.builder(SIGN_INS)
			.description("Sign-ins with Hugging Face, by outcome, reason of a failure, and sign-in mode")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.tag("mode", this.mode)
			.register(this.registry);
	}

	private Counter refreshes(String outcome, String reason) {
		return Counter.builder(REFRESHES)
			.description("Refreshes of Hugging Face tokens sent to Hugging Face, by outcome and reason of a failure")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.registry);
	}

	private static String reason(String reason) {
		return REASON.matcher(reason).matches() ? reason : "other";
	}

}
