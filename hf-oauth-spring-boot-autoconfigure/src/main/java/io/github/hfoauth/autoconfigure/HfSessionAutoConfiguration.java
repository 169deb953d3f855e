package io.github.hfoauth.autoconfigure;

import java.util.Map;
import java.util.function.BiFunction;

import io.github.hfoauth.HfSessionRegistry;
import io.github.hfoauth.HfSessionRepositoryWatcher;
import io.github.hfoauth.HfSessionStoreFailureFilter;
import io.github.hfoauth.session.HfRedisSessionMapper;
import io.github.hfoauth.session.HfSessionSerializer;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.ReactiveSessionRepositoryCustomizer;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Sessions in a shared store, when the application uses Spring Session: a clear 503 answer
 * while the store is down (servlet), and, for Spring Session's Redis store on either web
 * stack, the starter's serializer in the format of {@code hf.oauth.session.serialization},
 * which checks a MAC on every stored value and reads Java-serialized ones through an
 * allow-list.
 */
// By name: Spring Boot's session module is not on this module's classpath (nor always on the app's).
// Before the sign-in's auto-configuration, whose registry of signed-in sessions backs off from this one.
@AutoConfiguration(afterName = "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
		before = HfOAuthAutoConfiguration.class)
@ConditionalOnWebApplication
@EnableConfigurationProperties({ HfSessionProperties.class, HfOAuthProperties.class })
public final class HfSessionAutoConfiguration {

	// The signed-in sessions a sign-out counts, read from the store: with an indexed store (Redis
	// with spring.session.data.redis.repository-type=indexed) Spring Session's own registry, which
	// sees every instance's sessions and keeps nothing in memory; else this instance's, each
	// session confirmed with the store before it counts.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ SessionRegistry.class, SpringSessionBackedSessionRegistry.class })
	@ConditionalOnBean(SessionRepository.class)
	static class SignedInSessionsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SessionRegistry hfSharedSessionRegistry(SessionRepository<?> sessions) {
			return registry(sessions);
		}

		private static <S extends Session> SessionRegistry registry(SessionRepository<S> sessions) {
			if (sessions instanceof FindByIndexNameSessionRepository<S> indexed) {
				return new SpringSessionBackedSessionRegistry<>(indexed);
			}
			return new HfSessionRegistry((id) -> {
				S session = sessions.findById(id);
				return (session != null) ? session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
						: null;
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass({ SessionRepositoryFilter.class, DataAccessException.class, FilterRegistrationBean.class })
	@ConditionalOnBean(SessionRepositoryFilter.class)
	static class SessionStoreFailureConfiguration {

		// The filter answers only what Spring Session's repository throws: the application's own
		// DataAccessException keeps its error handling.
		@Bean
		@ConditionalOnMissingBean
		static HfSessionRepositoryWatcher hfSessionRepositoryWatcher() {
			return new HfSessionRepositoryWatcher();
		}

		// An unreadable session is forgotten by expiring Spring Session's cookie (with an id
		// resolver of the application's own, such as a header, there is no cookie to expire).
		@Bean
		@ConditionalOnMissingBean(name = "hfSessionStoreFailureFilter")
		FilterRegistrationBean<HfSessionStoreFailureFilter> hfSessionStoreFailureFilter(
				HfSessionRepositoryWatcher hfSessionRepositoryWatcher, ObjectProvider<CookieSerializer> cookieSerializer) {
			FilterRegistrationBean<HfSessionStoreFailureFilter> registration = new FilterRegistrationBean<>(
					new HfSessionStoreFailureFilter(hfSessionRepositoryWatcher, (request, response) -> cookieSerializer.ifUnique(
							(cookies) -> cookies.writeCookieValue(new CookieSerializer.CookieValue(request, response, "")))));
			// Just in front of Spring Session's filter, whose failures it answers.
			registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
			return registration;
		}

	}

	// The name Spring Session's Redis configurations (servlet and reactive) look for. The format
	// is chosen when the bean is created, not by a condition on the property, which Spring AOT
	// would freeze at build time.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisSessionRepository.class, RedisSerializer.class })
	@ConditionalOnMissingBean(name = "springSessionDefaultRedisSerializer")
	static class RedisSessionSerializerConfiguration implements BeanClassLoaderAware {

		private ClassLoader classLoader = getClass().getClassLoader();

		@Override
		public void setBeanClassLoader(ClassLoader classLoader) {
			this.classLoader = classLoader;
		}

		@Bean
		RedisSerializer<Object> springSessionDefaultRedisSerializer(HfSessionProperties session,
				HfOAuthProperties oauth, Environment environment) {
			if (session.getSerialization() == HfSessionProperties.Serialization.JSON) {
				return JsonSessionSerializer.create(SessionSigningKey.resolve(session, oauth, environment),
						this.classLoader);
			}
			return HfSessionSerializer.jdk(SessionSigningKey.resolve(session, oauth, environment),
					SessionSigningKey.allowedClasses(session), this.classLoader);
		}

	}

	// A session Spring Session's mapper cannot read (another format, a time that fails its MAC)
	// is unreadable, hence forgotten, rather than a 500; on each of its Redis repositories.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisSessionRepository.class, RedisSerializer.class })
	static class RedisSessionMapperConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "hfRedisSessionMapperCustomizer")
		SessionRepositoryCustomizer<RedisSessionRepository> hfRedisSessionMapperCustomizer() {
			return (repository) -> repository.setRedisSessionMapper(new HfRedisSessionMapper());
		}

		@Bean
		@ConditionalOnMissingBean(name = "hfRedisIndexedSessionMapperCustomizer")
		SessionRepositoryCustomizer<RedisIndexedSessionRepository> hfRedisIndexedSessionMapperCustomizer() {
			return (repository) -> repository.setRedisSessionMapper(new HfRedisSessionMapper());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(Mono.class)
		static class ReactiveRedisSessionMapperConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "hfReactiveRedisSessionMapperCustomizer")
			ReactiveSessionRepositoryCustomizer<ReactiveRedisSessionRepository> hfReactiveRedisSessionMapperCustomizer() {
				return (repository) -> repository.setRedisSessionMapper(reactive(new HfRedisSessionMapper()));
			}

			@Bean
			@ConditionalOnMissingBean(name = "hfReactiveRedisIndexedSessionMapperCustomizer")
			ReactiveSessionRepositoryCustomizer<ReactiveRedisIndexedSessionRepository> hfReactiveRedisIndexedSessionMapperCustomizer() {
				return (repository) -> repository.setRedisSessionMapper(reactive(new HfRedisSessionMapper()));
			}

			// As Spring Session's own reactive adapter: the mapping runs when the session is asked for.
			private static BiFunction<String, Map<String, Object>, Mono<MapSession>> reactive(HfRedisSessionMapper mapper) {
				return (id, stored) -> Mono.fromSupplier(() -> mapper.apply(id, stored));
			}

		}

	}

}
