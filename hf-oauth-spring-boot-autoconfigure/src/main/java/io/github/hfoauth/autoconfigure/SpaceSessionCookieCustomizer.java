package io.github.hfoauth.autoconfigure;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Inside a Space the app is a third-party frame on huggingface.co, where browsers send a
 * cookie only if it is {@code Secure; SameSite=None}, and Chrome's partitioned storage keeps
 * it only if it is also {@code Partitioned}. Without them the session, and with it the pending
 * sign-in, is lost between the redirect to Hugging Face and the way back. An attribute the
 * application sets with {@code server.servlet.session.cookie.*} is left as it is.
 */
final class SpaceSessionCookieCustomizer
		implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {

	private static final String COOKIE_PROPERTIES = "server.servlet.session.cookie.";

	private final Binder binder;

	private final boolean partitioned;

	SpaceSessionCookieCustomizer(Environment environment, boolean partitioned) {
		this.binder = Binder.get(environment);
		this.partitioned = partitioned;
	}

	@Override
	public void customize(ConfigurableServletWebServerFactory factory) {
		Cookie cookie = factory.getSettings().getSession().getCookie();
		if (!isSet("same-site")) {
			cookie.setSameSite(Cookie.SameSite.NONE);
		}
		if (!isSet("secure")) {
			cookie.setSecure(true);
		}
		if (!isSet("partitioned")) {
			cookie.setPartitioned(this.partitioned);
		}
	}

	private boolean isSet(String attribute) {
		return this.binder.bind(COOKIE_PROPERTIES + attribute, String.class).isBound();
	}

	// After Spring Boot's own customizer, which replaces the session settings from server.*.
	@Override
	public int getOrder() {
		return 10;
	}

}
