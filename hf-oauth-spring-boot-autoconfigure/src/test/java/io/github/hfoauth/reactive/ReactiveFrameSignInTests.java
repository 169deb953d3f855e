package io.github.hfoauth.reactive;

import java.time.Duration;

import io.github.hfoauth.servlet.FrameSignInContract;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionManager;

/**
 * The frame sign-in in a WebFlux app ({@link FrameSignInContract}).
 */
@SpringBootTest(classes = { ReactiveApp.class, FrameSignInContract.DoubleSlashesAllowed.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = ReactiveApp.REACTIVE)
class ReactiveFrameSignInTests extends FrameSignInContract {

	@Autowired
	WebSessionManager sessions;

	// The in-memory store's own expiry: a session idle longer than its lifetime is gone.
	@Override
	protected void timeOut(String sessionId) {
		timeOutWebSession(this.sessions, sessionId);
	}

	static void timeOutWebSession(WebSessionManager sessions, String sessionId) {
		WebSession session = ((DefaultWebSessionManager) sessions).getSessionStore().retrieveSession(sessionId).block();
		session.setMaxIdleTime(Duration.ofMillis(1));
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
