package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.HfSessionStoreFailureFilter;
import io.github.hfoauth.jackson.HfJacksonModules;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Sessions in a shared store, when the application uses Spring Session: a clear 503 answer
 * while the store is down, and, with {@code hf.oauth.session.serialization=json}, Spring
 * Session's Redis store writing sessions as JSON with the starter's types registered.
 */
@AutoConfiguration(afterName = "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.session.web.http.SessionRepositoryFilter")
@EnableConfigurationProperties(HfSessionProperties.class)
public final class HfSessionAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.dao.DataAccessException",
			"org.springframework.boot.web.servlet.FilterRegistrationBean" })
	@ConditionalOnBean(SessionRepositoryFilter.class)
	static class SessionStoreFailureConfiguration {

		// An unreadable session is forgotten by expiring Spring Session's cookie (with an id
		// resolver of the application's own, such as a header, there is no cookie to expire).
		@Bean
		FilterRegistrationBean<HfSessionStoreFailureFilter> hfSessionStoreFailureFilter(
				ObjectProvider<CookieSerializer> cookieSerializer) {
			FilterRegistrationBean<HfSessionStoreFailureFilter> registration = new FilterRegistrationBean<>(
					new HfSessionStoreFailureFilter((request, response) -> cookieSerializer.ifUnique(
							(cookies) -> cookies.writeCookieValue(new CookieSerializer.CookieValue(request, response, "")))));
			// Just in front of Spring Session's filter, whose failures it answers.
			registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.session.data.redis.RedisSessionRepository",
			"org.springframework.data.redis.serializer.JacksonJsonRedisSerializer",
			"org.springframework.security.jackson.SecurityJacksonModules", "tools.jackson.databind.json.JsonMapper" })
	@ConditionalOnProperty(name = "hf.oauth.session.serialization", havingValue = "json")
	static class JsonSessionConfiguration implements BeanClassLoaderAware {

		private ClassLoader classLoader = getClass().getClassLoader();

		@Override
		public void setBeanClassLoader(ClassLoader classLoader) {
			this.classLoader = classLoader;
		}

		// The name Spring Session's Redis configuration looks for.
		@Bean
		@ConditionalOnMissingBean(name = "springSessionDefaultRedisSerializer")
		RedisSerializer<Object> springSessionDefaultRedisSerializer() {
			JsonMapper mapper = JsonMapper.builder().addModules(HfJacksonModules.getModules(this.classLoader)).build();
			return new JacksonJsonRedisSerializer<>(mapper, Object.class);
		}

	}

}
