package com.example.noweb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The same starter in an app without Spring MVC (hidden here) and without WebFlux (which the
 * starter does not bring): it refuses to start, and Spring Boot's report names both web starters.
 */
@ExtendWith(OutputCaptureExtension.class)
class WithoutAWebStackTests {

	@Test
	void theAppRefusesToStartAndNamesTheWebStarters(CapturedOutput output) {
		SpringApplication application = new SpringApplication(NoWebApp.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setResourceLoader(new DefaultResourceLoader(new FilteredClassLoader(DispatcherServlet.class)));
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START", "neither Spring MVC nor WebFlux",
				"spring-boot-starter-webmvc", "spring-boot-starter-webflux");
	}

	// Its own package and no component scan: the consumer's web app must not join in.
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class NoWebApp {

	}

}
