package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.HfSpace;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;

import static io.github.hfoauth.autoconfigure.ServletTestContexts.properties;
import static io.github.hfoauth.autoconfigure.ServletTestContexts.space;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Space adds: the {@code HfSpace} bean, the frame ancestors, the session cookie and the
 * forwarded headers; nothing of it outside a Space, where the same beans stay inactive
 * (decided at startup, so that Spring AOT cannot freeze it).
 */
class SpaceConfigurationTests {

	private static FakeHuggingFace fake;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class));

	@BeforeAll
	static void startFakeHuggingFace() {
		fake = FakeHuggingFace.start();
	}

	@AfterAll
	static void stopFakeHuggingFace() {
		fake.close();
	}

	@Test
	void insideASpaceTheAppKnowsItsSpaceAndWhoMayFrameIt() {
		this.contextRunner.withPropertyValues(space(fake)).run((context) -> {
			HfSpace space = context.getBean(HfSpace.class);
			assertThat(space.getId()).isEqualTo("ada/demo");
			assertThat(space.getUrl()).isEqualTo("https://ada-demo.hf.space/");
			assertThat(space.getFrameAncestors()).containsExactly("https://huggingface.co", "https://ada-demo.hf.space");
			assertThat(context).hasSingleBean(SpaceSessionCookieCustomizer.class);
			assertThat(forwardedHeaderFilter(context).isEnabled()).isTrue();
		});
	}

	@Test
	void framingCanBeForbiddenInASpace() {
		this.contextRunner.withPropertyValues(space(fake))
			.withPropertyValues("hf.oauth.space.frame-ancestors=")
			.run((context) -> assertThat(context.getBean(HfSpace.class).getFrameAncestors()).isEmpty());
	}

	@Test
	void anAppsOwnForwardHeadersStrategyWinsInASpace() {
		this.contextRunner.withPropertyValues(space(fake))
			.withPropertyValues("server.forward-headers-strategy=native")
			.run((context) -> assertThat(forwardedHeaderFilter(context).isEnabled()).isFalse());
	}

	@Test
	void aBlankSpaceIdIsNoSpace() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withPropertyValues("SPACE_ID= ")
			.run((context) -> assertThat(context).hasNotFailed().satisfies(ActiveBeans::noSpace));
	}

	@Test
	void outsideASpaceNothingOfTheSpaceIsConfigured() {
		this.contextRunner.withPropertyValues(properties(fake))
			.run((context) -> {
				assertThat(context).satisfies(ActiveBeans::noSpace);
				assertThat(forwardedHeaderFilter(context).isEnabled()).isFalse();
				assertThat(context.getBean(SpaceSessionCookieCustomizer.class)).extracting("attributes")
					.isEqualTo(SpaceSessionCookie.NONE);
			});
	}

	private static FilterRegistrationBean<?> forwardedHeaderFilter(ApplicationContext context) {
		return context.getBean("hfSpaceForwardedHeaderFilter", FilterRegistrationBean.class);
	}

}
