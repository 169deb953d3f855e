package io.github.hfoauth.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The session cookie attributes a Space needs. Inside a Space the app is a third-party frame
 * on huggingface.co, where browsers send a cookie only if it is {@code Secure; SameSite=None},
 * and Chrome's partitioned storage keeps it only if it is also {@code Partitioned}. Without
 * them the session, and with it the pending sign-in, is lost between the redirect to Hugging
 * Face and the way back. An attribute the application sets itself with Spring Boot's session
 * cookie properties is left as it is.
 *
 * @param sameSiteNone whether to set {@code SameSite=None}
 * @param secure whether to set {@code Secure}
 * @param partitioned whether to set {@code Partitioned}, or {@code null} to leave it
 */
record SpaceSessionCookie(boolean sameSiteNone, boolean secure, @Nullable Boolean partitioned) {

	/** Outside a Space: the cookie stays as the application configured it. */
	static final SpaceSessionCookie NONE = new SpaceSessionCookie(false, false, null);

	/** The servlet session cookie's properties. */
	static final String SERVLET_PROPERTIES = "server.servlet.session.cookie.";

	/** The WebFlux session cookie's properties. */
	static final String REACTIVE_PROPERTIES = "server.reactive.session.cookie.";

	/**
	 * Reads which attributes the application left to the starter, at startup rather than in a
	 * condition (Spring AOT would freeze that at build time).
	 * @param environment the environment
	 * @param cookieProperties the prefix of the web stack's session cookie properties
	 * @param partitioned {@code hf.oauth.space.partitioned-cookie}
	 * @return the attributes to set
	 */
	static SpaceSessionCookie of(Environment environment, String cookieProperties, boolean partitioned) {
		if (!SpaceEnvironment.isSpace(environment)) {
			return NONE;
		}
		Binder binder = Binder.get(environment);
		return new SpaceSessionCookie(!isSet(binder, cookieProperties + "same-site"),
				!isSet(binder, cookieProperties + "secure"),
				isSet(binder, cookieProperties + "partitioned") ? null : partitioned);
	}

	private static boolean isSet(Binder binder, String property) {
		return binder.bind(property, String.class).isBound();
	}

}
