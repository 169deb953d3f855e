package io.github.hfoauth.autoconfigure;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.server.session.CookieWebSessionIdResolver;

/**
 * Gives the WebFlux session cookie the attributes a Space needs ({@link SpaceSessionCookie}):
 * adds an initializer to the {@link CookieWebSessionIdResolver}, after the ones Spring Boot
 * adds from {@code server.reactive.session.cookie.*}.
 */
final class SpaceWebSessionCookieInitializer implements BeanPostProcessor {

	private final SpaceSessionCookie attributes;

	SpaceWebSessionCookieInitializer(SpaceSessionCookie attributes) {
		this.attributes = attributes;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof CookieWebSessionIdResolver resolver) {
			resolver.addCookieInitializer((cookie) -> {
				if (this.attributes.sameSiteNone()) {
					cookie.sameSite("None");
				}
				if (this.attributes.secure()) {
					cookie.secure(true);
				}
				if (this.attributes.partitioned() != null) {
					cookie.partitioned(this.attributes.partitioned());
				}
			});
		}
		return bean;
	}

}
