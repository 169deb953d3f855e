package io.github.hfoauth.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Lazy;

/**
 * Stops an application that has the starter but neither web stack: without Spring MVC or
 * WebFlux nothing can sign anyone in, and such an app would otherwise start, serve nothing and
 * exit without a word. Reported by {@link HfOAuthFailureAnalyzer}, naming the starter to add.
 * <p>
 * Decided from the classpath, not from the application type: a test of a web app with
 * {@code webEnvironment = NONE}, or an app set to {@code spring.main.web-application-type=none}
 * on purpose, still starts.
 */
@AutoConfiguration
@ConditionalOnMissingClass({ "org.springframework.web.servlet.DispatcherServlet",
		"org.springframework.web.reactive.DispatcherHandler" })
@Lazy(false) // fails even under spring.main.lazy-initialization=true
public final class HfWebStackAutoConfiguration {

	HfWebStackAutoConfiguration() {
		throw new HfOAuthConfigurationException(
				"Sign in with Hugging Face needs a web stack, and this application has neither Spring MVC nor WebFlux.",
				"Add org.springframework.boot:spring-boot-starter-webmvc (servlet) or "
						+ "org.springframework.boot:spring-boot-starter-webflux (reactive) next to "
						+ "hf-oauth-spring-boot-starter.");
	}

}
