package io.github.hfoauth.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter without a web stack stops the application and names the starter to add; with
 * either stack on the classpath, whatever the application type, nothing happens.
 */
class HfWebStackAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfWebStackAutoConfiguration.class));

	@Test
	void withoutSpringMvcOrWebFluxTheAppFailsNamingBothStarters() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class, DispatcherHandler.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new HfOAuthFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("neither Spring MVC nor WebFlux");
				assertThat(analysis.getAction()).contains("spring-boot-starter-webmvc", "spring-boot-starter-webflux");
			});
	}

	@Test
	void itFailsEvenWhenEveryBeanIsLazy() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class, DispatcherHandler.class))
			.withInitializer((context) -> context
				.addBeanFactoryPostProcessor(new org.springframework.boot.LazyInitializationBeanFactoryPostProcessor()))
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void eitherStackIsEnoughEvenInANonWebApplicationContext() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherHandler.class))
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
