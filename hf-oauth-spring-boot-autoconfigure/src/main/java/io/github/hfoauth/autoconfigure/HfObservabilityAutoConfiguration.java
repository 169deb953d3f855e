package io.github.hfoauth.autoconfigure;

import java.time.Clock;

import io.github.hfoauth.HfMockLogin;
import io.github.hfoauth.HfSpace;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What an operator sees of the sign-ins, each part only when the application has what it
 * needs, and nothing otherwise: Micrometer counters ({@code hf.oauth.sign-ins},
 * {@code hf.oauth.refreshes}) with a {@link MeterRegistry}; audit events with an
 * {@link AuditEventRepository}; the {@code huggingface} health indicator with Spring Boot's
 * health support, when the app signs in with Hugging Face (not in mock mode). The calls to
 * Hugging Face are observed where their clients are built, with the application's
 * {@link ObservationRegistry}.
 */
@AutoConfiguration(after = { HfOAuthAutoConfiguration.class, HfOAuthReactiveAutoConfiguration.class,
		MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class })
public final class HfObservabilityAutoConfiguration {

	// Until the mode is a bean of its own: the mock login exists only in mock mode, HfSpace only in a Space.
	static String mode(ListableBeanFactory beans) {
		if (beans.getBeanNamesForType(HfMockLogin.class, false, false).length > 0) {
			return "mock";
		}
		return (beans.getBeanNamesForType(HfSpace.class, false, false).length > 0) ? "space" : "properties";
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HfSignInMetrics hfSignInMetrics(MeterRegistry registry, ListableBeanFactory beans) {
			return new HfSignInMetrics(registry, mode(beans));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AuditApplicationEvent.class)
	@ConditionalOnBean(AuditEventRepository.class)
	static class AuditConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HfSignInAudit hfSignInAudit(ApplicationEventPublisher events, ListableBeanFactory beans) {
			return new HfSignInAudit(events, mode(beans));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("huggingface")
	@ConditionalOnBean(HfClientRegistrationRepository.class)
	@EnableConfigurationProperties(HfHealthProperties.class)
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "huggingfaceHealthIndicator")
		HuggingFaceHealthIndicator huggingfaceHealthIndicator(HfClientRegistrationRepository registrations,
				HfOAuthProperties oauth, HfHealthProperties health, ObjectProvider<ObservationRegistry> observations) {
			return new HuggingFaceHealthIndicator(discovery(registrations.discoveryLocation(), health),
					new HfProviderHttp(oauth, observations).plain());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, Mono.class })
	@ConditionalOnEnabledHealthIndicator("huggingface")
	@ConditionalOnBean(HfReactiveClientRegistrationRepository.class)
	@EnableConfigurationProperties(HfHealthProperties.class)
	static class ReactiveHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "huggingfaceHealthIndicator")
		HuggingFaceReactiveHealthIndicator huggingfaceHealthIndicator(
				HfReactiveClientRegistrationRepository registrations, HfOAuthProperties oauth, HfHealthProperties health,
				ObjectProvider<ObservationRegistry> observations) {
			DiscoveryHealth discovery = discovery(registrations.discoveryLocation(), health);
			return new HuggingFaceReactiveHealthIndicator(discovery,
					new HuggingFaceHealthIndicator(discovery, new HfProviderHttp(oauth, observations).plain()));
		}

	}

	private static DiscoveryHealth discovery(String location, HfHealthProperties health) {
		return new DiscoveryHealth(location, health.isDownWhenUnreachable(), Clock.systemUTC());
	}

}
