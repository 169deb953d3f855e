package io.github.hfoauth.autoconfigure;

import java.time.Clock;

import io.github.hfoauth.HfSignInMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

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
 * health support, when the app signs in with Hugging Face (not in mock mode). The counters'
 * {@code mode} tag is the {@link HfSignInMode}. The calls to
 * Hugging Face are observed where their clients are built, with the application's
 * {@link ObservationRegistry}.
 */
@AutoConfiguration(after = { HfOAuthAutoConfiguration.class, HfOAuthReactiveAutoConfiguration.class,
		MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class })
public final class HfObservabilityAutoConfiguration {

	// An app that registers no sign-in of the starter's has no mode: its clients are its own.
	private static String mode(ObjectProvider<HfSignInMode> mode) {
		HfSignInMode signInMode = mode.getIfAvailable();
		return (signInMode != null) ? signInMode.tagValue() : HfSignInMode.PROPERTIES.tagValue();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HfSignInMetrics hfSignInMetrics(MeterRegistry registry, ObjectProvider<HfSignInMode> mode) {
			return new HfSignInMetrics(registry, mode(mode));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AuditApplicationEvent.class)
	@ConditionalOnBean(AuditEventRepository.class)
	static class AuditConfiguration {

		@Bean
		@ConditionalOnMissingBean
		HfSignInAudit hfSignInAudit(ApplicationEventPublisher events, ObjectProvider<HfSignInMode> mode) {
			return new HfSignInAudit(events, mode(mode));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("huggingface")
	@ConditionalOnBean(HfClientRegistrationRepository.class)
	@EnableConfigurationProperties(HfHealthProperties.class)
	static class HealthConfiguration {

		// None in mock mode (no Hugging Face to reach), decided when the bean is created, not by a
		// condition: Spring AOT would freeze a condition at build time.
		@Bean
		@ConditionalOnMissingBean(name = "huggingfaceHealthIndicator")
		@Nullable HuggingFaceHealthIndicator huggingfaceHealthIndicator(HfClientRegistrationRepository registrations,
				HfOAuthProperties oauth, HfHealthProperties health, ObjectProvider<ObservationRegistry> observations) {
			String location = registrations.discoveryLocation();
			return (location != null) ? new HuggingFaceHealthIndicator(discovery(location, health),
					new HfProviderHttp(oauth, observations).plain()) : null;
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
		@Nullable HuggingFaceReactiveHealthIndicator huggingfaceHealthIndicator(
				HfReactiveClientRegistrationRepository registrations, HfOAuthProperties oauth, HfHealthProperties health,
				ObjectProvider<ObservationRegistry> observations) {
			String location = registrations.discoveryLocation();
			if (location == null) {
				return null;
			}
			DiscoveryHealth discovery = discovery(location, health);
			return new HuggingFaceReactiveHealthIndicator(discovery,
					new HuggingFaceHealthIndicator(discovery, new HfProviderHttp(oauth, observations).plain()));
		}

	}

	private static DiscoveryHealth discovery(String location, HfHealthProperties health) {
		return new DiscoveryHealth(location, health.isDownWhenUnreachable(), Clock.systemUTC());
	}

}
