package io.github.hfoauth.autoconfigure;

import java.util.HashMap;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfSessionStoreFailureFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application that shares sessions through Spring Session gets from the starter.
 */
class HfSessionAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfSessionAutoConfiguration.class));

	@Test
	void jsonSessionsReadBackTheStartersUser() {
		this.contextRunner.withPropertyValues("hf.oauth.session.serialization=json").run((context) -> {
			@SuppressWarnings("unchecked")
			RedisSerializer<Object> serializer = context.getBean("springSessionDefaultRedisSerializer",
					RedisSerializer.class);
			HfOAuth2User user = HfOAuth2User.builder("ada").build();
			assertThat(new String(serializer.serialize(user))).startsWith("{\"@class\":\"io.github.hfoauth.HfOAuth2User\"");
			assertThat(serializer.deserialize(serializer.serialize(user))).isEqualTo(user);
		});
	}

	@Test
	void sessionsStayJavaSerializedUnlessJsonIsAskedFor() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean("springSessionDefaultRedisSerializer"));
		this.contextRunner.withPropertyValues("hf.oauth.session.serialization=jdk")
			.run((context) -> assertThat(context).doesNotHaveBean("springSessionDefaultRedisSerializer"));
	}

	@Test
	void theApplicationsSerializerWins() {
		RedisSerializer<Object> own = new JdkSerializationRedisSerializer();
		this.contextRunner.withPropertyValues("hf.oauth.session.serialization=json")
			.withBean("springSessionDefaultRedisSerializer", RedisSerializer.class, () -> own)
			.run((context) -> assertThat(context.getBean("springSessionDefaultRedisSerializer")).isSameAs(own));
	}

	@Test
	void theStoreFailureAnswerSitsInFrontOfSpringSessionsFilter() {
		this.contextRunner
			.withBean(SessionRepositoryFilter.class, () -> new SessionRepositoryFilter<>(new MapSessionRepository(new HashMap<>())))
			.run((context) -> {
				FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
				assertThat(registration.getFilter()).isInstanceOf(HfSessionStoreFailureFilter.class);
				assertThat(registration.getOrder()).isLessThan(SessionRepositoryFilter.DEFAULT_ORDER);
			});
	}

	@Test
	void nothingWithoutSpringSession() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(SessionRepositoryFilter.class))
			.withPropertyValues("hf.oauth.session.serialization=json")
			.run((context) -> assertThat(context).doesNotHaveBean("springSessionDefaultRedisSerializer")
				.doesNotHaveBean(FilterRegistrationBean.class));
	}

}
