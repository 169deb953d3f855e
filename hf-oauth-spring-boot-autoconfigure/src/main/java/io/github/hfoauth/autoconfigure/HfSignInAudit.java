package io.github.hfoauth.autoconfigure;

import java.util.Map;

import io.github.hfoauth.HfSignInEvent;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;

/**
 * Turns each {@link HfSignInEvent} into an audit event ({@value #SUCCESS} or {@value #FAILURE},
 * with the reason and the sign-in mode), published as Spring Boot's
 * {@link AuditApplicationEvent}: its audit listener stores it in the application's
 * {@code AuditEventRepository} ({@code /actuator/auditevents}).
 */
final class HfSignInAudit {

	static final String SUCCESS = "HF_SIGN_IN_SUCCESS";

	static final String FAILURE = "HF_SIGN_IN_FAILURE";

	// Who failed to sign in is not known: Spring Security's name for nobody.
	private static final String NOBODY = "anonymousUser";

	private final ApplicationEventPublisher events;

	private final String mode;

	HfSignInAudit(ApplicationEventPublisher events, String mode) {
		this.events = events;
		this.mode = mode;
	}

	@EventListener
	void signedIn(HfSignInEvent event) {
		Authentication authentication = event.authentication();
		String principal = (authentication != null) ? authentication.getName() : NOBODY;
		this.events.publishEvent(new AuditApplicationEvent(principal, event.success() ? SUCCESS : FAILURE,
				Map.of("reason", event.reason(), "mode", this.mode)));
	}

}
