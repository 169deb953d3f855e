package io.github.hfoauth.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.hfoauth.HfServerSessionStoreFailureFilter;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.Ordered;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveFindByIndexNameSessionRepository;
import org.springframework.session.ReactiveMapSessionRepository;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.security.SpringSessionBackedReactiveSessionRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a WebFlux application that shares sessions through Spring Session's reactive store gets
 * from the starter.
 */
class HfReactiveSessionAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfReactiveSessionAutoConfiguration.class));

	@Test
	void theStoreFailureAnswerIsTheFirstFilterWithSpringSessionsReactiveStore() {
		this.contextRunner.withBean(ReactiveSessionRepository.class, HfReactiveSessionAutoConfigurationTests::sessions)
			.run((context) -> {
				assertThat(context).hasSingleBean(HfServerSessionStoreFailureFilter.class);
				assertThat(context.getBean(HfServerSessionStoreFailureFilter.class).getOrder())
					.isEqualTo(Ordered.HIGHEST_PRECEDENCE);
			});
	}

	@Test
	void theApplicationsOwnFilterWins() {
		HfServerSessionStoreFailureFilter own = new HfServerSessionStoreFailureFilter((exchange) -> {
		});
		this.contextRunner.withBean(ReactiveSessionRepository.class, HfReactiveSessionAutoConfigurationTests::sessions)
			.withBean("ownFilter", HfServerSessionStoreFailureFilter.class, () -> own)
			.run((context) -> assertThat(context.getBean(HfServerSessionStoreFailureFilter.class)).isSameAs(own));
	}

	@Test
	void nothingWithoutSpringSession() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(HfServerSessionStoreFailureFilter.class));
		this.contextRunner.withClassLoader(new FilteredClassLoader(ReactiveSessionRepository.class))
			.run((context) -> assertThat(context).doesNotHaveBean(HfServerSessionStoreFailureFilter.class));
	}

	@Test
	void nothingInAServletApp() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(HfReactiveSessionAutoConfiguration.class))
			.withBean(ReactiveSessionRepository.class, HfReactiveSessionAutoConfigurationTests::sessions)
			.run((context) -> assertThat(context).doesNotHaveBean(HfServerSessionStoreFailureFilter.class));
	}

	private static ReactiveSessionRepository<?> sessions() {
		return new ReactiveMapSessionRepository(new ConcurrentHashMap<>());
	}

	@Test
	void signOutCountsTheSessionsOfAnIndexedStoreThroughSpringSessionsOwnRegistry() {
		this.contextRunner.withBean(IndexedSessions.class, IndexedSessions::new)
			.run((context) -> assertThat(context.getBean(ReactiveSessionRegistry.class))
				.isInstanceOf(SpringSessionBackedReactiveSessionRegistry.class));
		this.contextRunner.withBean(ReactiveSessionRepository.class, HfReactiveSessionAutoConfigurationTests::sessions)
			.run((context) -> assertThat(context).as("the sign-in's own registry, elsewhere")
				.doesNotHaveBean(ReactiveSessionRegistry.class));
	}

	// Spring Session's indexed stores, as far as the registry is concerned.
	static class IndexedSessions extends ReactiveMapSessionRepository
			implements ReactiveFindByIndexNameSessionRepository<MapSession> {

		IndexedSessions() {
			super(new ConcurrentHashMap<>());
		}

		@Override
		public Mono<Map<String, MapSession>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			return Mono.just(Map.of());
		}

	}

}
