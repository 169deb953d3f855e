package io.github.hfoauth.autoconfigure;

import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.core.Ordered;

/**
 * Gives the servlet session cookie the attributes a Space needs ({@link SpaceSessionCookie}).
 */
final class SpaceSessionCookieCustomizer
		implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {

	private final SpaceSessionCookie attributes;

	SpaceSessionCookieCustomizer(SpaceSessionCookie attributes) {
		this.attributes = attributes;
	}

	@Override
	public void customize(ConfigurableServletWebServerFactory factory) {
		Cookie cookie = factory.getSettings().getSession().getCookie();
		if (this.attributes.sameSiteNone()) {
			cookie.setSameSite(Cookie.SameSite.NONE);
		}
		if (this.attributes.secure()) {
			cookie.setSecure(true);
		}
		if (this.attributes.partitioned() != null) {
			cookie.setPartitioned(this.attributes.partitioned());
		}
	}

	// After Spring Boot's own customizer, which replaces the session settings from server.*.
	@Override
	public int getOrder() {
		return 10;
	}

}
