package io.github.hfoauth.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.apache.catalina.session.ManagerBase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The frame sign-in in a servlet app ({@link FrameSignInContract}).
 */
@SpringBootTest(classes = { DefaultChainLoginTests.App.class, FrameSignInContract.DoubleSlashesAllowed.class },
		webEnvironment = WebEnvironment.RANDOM_PORT)
class FrameSignInTests extends FrameSignInContract {

	@Autowired
	WebServerApplicationContext context;

	// Tomcat's own expiry, as its background thread runs it: the session's listeners hear of it.
	@Override
	protected void timeOut(String sessionId) {
		timeOutTomcatSession(this.context, sessionId);
	}

	static void timeOutTomcatSession(WebServerApplicationContext context, String sessionId) {
		Context webapp = (Context) ((TomcatWebServer) context.getWebServer()).getTomcat().getHost().findChildren()[0];
		try {
			Session session = webapp.getManager().findSession(sessionId);
			session.setMaxInactiveInterval(1);
			Thread.sleep(1_100);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		((ManagerBase) webapp.getManager()).processExpires();
	}
}
