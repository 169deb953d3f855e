package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.reactive.ReactiveMockModeBeans;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * The apps the API client tests start, one per web stack: the starter's auto-configuration with
 * the API client, in mock mode unless the test says otherwise.
 */
final class ApiClientContexts {

	private ApiClientContexts() {
	}

	static WebApplicationContextRunner servlet() {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, HfApiAutoConfiguration.class,
					SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class));
	}

	static ReactiveWebApplicationContextRunner reactive() {
		return new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HfReactiveApiAutoConfiguration.class))
			.withUserConfiguration(ReactiveMockModeBeans.class);
	}

}
