package io.github.hfoauth.autoconfigure;

import java.util.HashMap;

import io.github.hfoauth.session.HfOneRefreshPerSession;
import io.github.hfoauth.session.HfReactiveRedisRefreshLock;
import io.github.hfoauth.session.HfReactiveRefreshLock;
import io.github.hfoauth.session.HfRedisRefreshLock;
import io.github.hfoauth.session.HfRefreshLock;
import io.github.hfoauth.session.HfServerOneRefreshPerSession;
import io.github.hfoauth.session.HfSpringSessionStore;
import io.github.hfoauth.session.HfSpringSessionWebStore;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.ReactiveMapSessionRepository;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Where the starter's refreshes read shared sessions again and lock them: with Spring Session
 * only; in Redis when Redis is there; the application's own lock wins.
 */
class HfSharedSessionRefreshAutoConfigurationTests {

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfSharedSessionRefreshAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfSharedSessionRefreshAutoConfiguration.class));

	@Test
	void withoutSpringSessionSessionsStayInMemoryAndSoDoesTheLock() {
		this.servlet.run((context) -> assertThat(context).doesNotHaveBean(HfOneRefreshPerSession.Store.class)
			.doesNotHaveBean(HfRefreshLock.class));
		this.servlet.withClassLoader(new FilteredClassLoader(SessionRepository.class))
			.withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HfRefreshLock.class));
	}

	@Test
	void springSessionsStoreIsReadAgainAndRedisHoldsTheLock() {
		this.servlet.withBean(SessionRepository.class, () -> new MapSessionRepository(new HashMap<>()))
			.run((context) -> assertThat(context).hasSingleBean(HfSpringSessionStore.class)
				.doesNotHaveBean(HfRefreshLock.class));
		this.servlet.withBean(SessionRepository.class, () -> new MapSessionRepository(new HashMap<>()))
			.withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
			.run((context) -> assertThat(context.getBean(HfRefreshLock.class)).isInstanceOf(HfRedisRefreshLock.class));
	}

	@Test
	void theApplicationsLockWins() {
		HfRefreshLock own = HfRefreshLock.inMemory();
		this.servlet.withBean(SessionRepository.class, () -> new MapSessionRepository(new HashMap<>()))
			.withBean(RedisConnectionFactory.class, () -> mock(RedisConnectionFactory.class))
			.withBean(HfRefreshLock.class, () -> own)
			.run((context) -> assertThat(context.getBean(HfRefreshLock.class)).isSameAs(own));
	}

	@Test
	void webFluxGetsTheSameFromSpringSessionsReactiveStore() {
		this.reactive.run((context) -> assertThat(context).doesNotHaveBean(HfServerOneRefreshPerSession.Store.class)
			.doesNotHaveBean(HfReactiveRefreshLock.class));
		this.reactive.withBean(ReactiveSessionRepository.class, () -> new ReactiveMapSessionRepository(new HashMap<>()))
			.withBean(ReactiveRedisConnectionFactory.class, () -> mock(ReactiveRedisConnectionFactory.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(HfSpringSessionWebStore.class).doesNotHaveBean(HfRefreshLock.class);
				assertThat(context.getBean(HfReactiveRefreshLock.class)).isInstanceOf(HfReactiveRedisRefreshLock.class);
			});
	}

}
