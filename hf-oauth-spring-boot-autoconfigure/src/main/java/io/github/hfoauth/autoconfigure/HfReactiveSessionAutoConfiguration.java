package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.HfServerSessionStoreFailureFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.session.ReactiveFindByIndexNameSessionRepository;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedReactiveSessionRegistry;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.session.WebSessionIdResolver;

/**
 * Sessions in a shared store for WebFlux applications, when they use Spring Session's reactive
 * store (its Redis, say): a clear 503 answer while the store is down, and an unreadable session
 * forgotten instead of a 500. The twin of {@link HfSessionAutoConfiguration}'s servlet filter.
 */
// By name: Spring Boot's session module is not on this module's classpath (nor always on the app's).
// Before the sign-in's auto-configuration, whose registry of signed-in sessions backs off from this one.
@AutoConfiguration(afterName = "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
		before = HfOAuthReactiveAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ReactiveSessionRepository.class, DataAccessException.class, WebFilter.class })
public final class HfReactiveSessionAutoConfiguration {

	// With an indexed store (Redis with spring.session.data.redis.repository-type=indexed) the
	// signed-in sessions a sign-out counts are Spring Session's own: every instance's, nothing in
	// memory. Else the sign-in's auto-configuration keeps this instance's, confirmed with the store.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ReactiveSessionRegistry.class, SpringSessionBackedReactiveSessionRegistry.class })
	@ConditionalOnBean(ReactiveFindByIndexNameSessionRepository.class)
	static class SignedInSessionsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		<S extends Session> ReactiveSessionRegistry hfSharedReactiveSessionRegistry(ReactiveSessionRepository<S> sessions,
				ReactiveFindByIndexNameSessionRepository<S> indexed) {
			return new SpringSessionBackedReactiveSessionRegistry<>(sessions, indexed);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ReactiveSessionRepository.class)
	static class SessionStoreFailureConfiguration {

		// An unreadable session is forgotten by expiring WebFlux's session cookie (with an id
		// resolver of the application's own, such as a header, there is no cookie to expire).
		@Bean
		@ConditionalOnMissingBean
		HfServerSessionStoreFailureFilter hfServerSessionStoreFailureFilter(
				ObjectProvider<WebSessionIdResolver> sessionIdResolver) {
			return new HfServerSessionStoreFailureFilter(
					(exchange) -> sessionIdResolver.ifUnique((resolver) -> resolver.expireSession(exchange)));
		}

	}

}
