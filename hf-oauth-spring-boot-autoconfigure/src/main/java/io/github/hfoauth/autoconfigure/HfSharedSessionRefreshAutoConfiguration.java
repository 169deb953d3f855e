package io.github.hfoauth.autoconfigure;

import jakarta.servlet.http.HttpSession;

import io.github.hfoauth.session.HfOneRefreshPerSession;
import io.github.hfoauth.session.HfReactiveRedisRefreshLock;
import io.github.hfoauth.session.HfReactiveRefreshLock;
import io.github.hfoauth.session.HfServerOneRefreshPerSession;
import io.github.hfoauth.session.HfSpringSessionWebStore;
import io.github.hfoauth.session.HfRedisRefreshLock;
import io.github.hfoauth.session.HfRefreshLock;
import io.github.hfoauth.session.HfRefreshTimes;
import io.github.hfoauth.session.HfSpringSessionStore;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * One refresh per session when sessions are shared through Spring Session: the store the
 * starter's authorized-client manager reads a session's tokens again from, after it waited for
 * another request's refresh, and, with the Redis store, a lock in Redis that every instance
 * sees. Without Spring Session the manager locks in memory.
 */
// By name: Spring Boot's session and Redis modules are not on this module's classpath (nor always on the app's).
@AutoConfiguration(afterName = { "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
		"org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" })
@ConditionalOnClass({ Session.class, OAuth2AuthorizedClientManager.class })
@EnableConfigurationProperties(HfOAuthProperties.class)
public final class HfSharedSessionRefreshAutoConfiguration {

	// A lock outlives the longest refresh the timeouts allow (else a second one spends the token).
	static HfRefreshTimes times(HfOAuthProperties properties) {
		return HfRefreshTimes.of(properties.getConnectTimeout(), properties.getReadTimeout());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(HttpSession.class)
	@ConditionalOnBean(SessionRepository.class)
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HfOneRefreshPerSession.Store hfSharedSessions(SessionRepository<?> sessions) {
			return store(sessions);
		}

		private static <S extends Session> HfOneRefreshPerSession.Store store(SessionRepository<S> sessions) {
			return new HfSpringSessionStore<>(sessions);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(StringRedisTemplate.class)
		@ConditionalOnBean(RedisConnectionFactory.class)
		static class RedisLockConfiguration {

			// Redis, whether or not it holds the sessions: every instance sees the same lock.
			@Bean
			@ConditionalOnMissingBean
			HfRefreshLock hfRefreshLock(RedisConnectionFactory redis, HfOAuthProperties properties) {
				return new HfRedisRefreshLock(new StringRedisTemplate(redis), times(properties));
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(ReactiveOAuth2AuthorizedClientManager.class)
	@ConditionalOnBean(ReactiveSessionRepository.class)
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HfServerOneRefreshPerSession.Store hfSharedWebSessions(ReactiveSessionRepository<?> sessions) {
			return HfSpringSessionWebStore.of(sessions);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(ReactiveStringRedisTemplate.class)
		@ConditionalOnBean(ReactiveRedisConnectionFactory.class)
		static class RedisLockConfiguration {

			@Bean
			@ConditionalOnMissingBean
			HfReactiveRefreshLock hfReactiveRefreshLock(ReactiveRedisConnectionFactory redis,
					HfOAuthProperties properties) {
				return new HfReactiveRedisRefreshLock(new ReactiveStringRedisTemplate(redis), times(properties));
			}

		}

	}

}
