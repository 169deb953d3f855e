package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.fake.FakeHuggingFace;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.InMemoryAuditEventRepository;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebSessionIdResolverAutoConfiguration;

import static io.github.hfoauth.autoconfigure.ServletTestContexts.properties;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each part of the observability auto-configuration appears only with what it needs: counters
 * with a meter registry, audit events with an audit repository, the health indicator with
 * Spring Boot's health support and a real client (never in mock mode), under the name
 * {@code huggingface} on both stacks.
 */
class HfObservabilityAutoConfigurationTests {

	private static final FakeHuggingFace fake = FakeHuggingFace.start();

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, HfObservabilityAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthReactiveAutoConfiguration.class, SecurityAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class,
				ReactiveOAuth2ClientAutoConfiguration.class, ReactiveOAuth2ClientWebSecurityAutoConfiguration.class,
				WebSessionIdResolverAutoConfiguration.class, HfObservabilityAutoConfiguration.class));

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@Test
	void countersOnlyWithAMeterRegistry() {
		this.servlet.withPropertyValues(properties(fake)).run((context) -> {
			assertThat(context).doesNotHaveBean(HfSignInMetrics.class);
			assertThat(context).doesNotHaveBean(HfSignInAudit.class);
		});
		this.servlet.withPropertyValues(properties(fake))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(AuditEventRepository.class, InMemoryAuditEventRepository::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(HfSignInMetrics.class).hasSingleBean(HfSignInAudit.class);
				assertThat(context.getBean(MeterRegistry.class).find("hf.oauth.sign-ins").counters())
					.as("visible before the first sign-in")
					.singleElement()
					.satisfies((counter) -> assertThat(counter.getId().getTag("mode")).isEqualTo("properties"));
			});
	}

	@Test
	void nothingWithoutMicrometerOrActuator() {
		this.servlet.withPropertyValues(properties(fake))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class, HealthIndicator.class,
					AuditEventRepository.class))
			.withBean(AuditEventRepository.class, InMemoryAuditEventRepository::new)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HfSignInMetrics.class)
				.doesNotHaveBean(HfSignInAudit.class)
				.doesNotHaveBean("huggingfaceHealthIndicator"));
	}

	@Test
	void theModeTagSaysSpaceInASpace() {
		this.servlet.withPropertyValues(ServletTestContexts.space(fake))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context.getBean(MeterRegistry.class).find("hf.oauth.sign-ins").counter()
				.getId()
				.getTag("mode")).isEqualTo("space"));
	}

	@Test
	void aHealthIndicatorNamedHuggingFaceOnBothStacks() {
		this.servlet.withPropertyValues(properties(fake))
			.run((context) -> assertThat(context.getBean("huggingfaceHealthIndicator"))
				.isInstanceOf(HealthIndicator.class));
		this.reactive.withPropertyValues(properties(fake))
			.run((context) -> assertThat(context.getBean("huggingfaceHealthIndicator"))
				.isInstanceOf(ReactiveHealthIndicator.class));
	}

	@Test
	void noHealthIndicatorInMockModeOrWhenDisabled() {
		this.servlet.run((context) -> assertThat(context.getBeansOfType(HealthIndicator.class)).isEmpty());
		this.servlet.withPropertyValues(properties(fake))
			.withPropertyValues("management.health.huggingface.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("huggingfaceHealthIndicator"));
	}

}
