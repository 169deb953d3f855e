package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.HfAuthoritiesMapper;
import io.github.hfoauth.HfOAuth2UserConverter;
import io.github.hfoauth.HfSecurityExpressions;
import io.github.hfoauth.HfTokenExpiry;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.HfMockLogin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static io.github.hfoauth.autoconfigure.ServletTestContexts.properties;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The beans both web stacks share: authorities mapper, converter, token expiry, the {@code hf}
 * expressions and the Actuator sanitizer, each backing off.
 */
class HfOAuthSharedConfigurationTests {

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
	void tokenExpiryFollowsTheProperties() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withPropertyValues("hf.oauth.token-expiry.refresh=false")
			.run((context) -> assertThat(context.getBean(HfTokenExpiry.class))
				.isEqualTo(new HfTokenExpiry(true, false)));
	}

	@Test
	void theClientSecretIsMaskedInActuatorEvenWhenValuesAreShown() {
		this.contextRunner.withPropertyValues(properties(fake)).run((context) -> {
			SanitizingFunction sanitizer = context.getBean(SanitizingFunction.class);
			for (String key : List.of("hf.oauth.client-secret", "OAUTH_CLIENT_SECRET", "clientSecret",
					"hf.oauth.mock.token", "HF_TOKEN")) {
				assertThat(sanitizer.applyUnlessFiltered(new SanitizableData(null, key, "s3cret")).getValue()).as(key)
					.isEqualTo(SanitizableData.SANITIZED_VALUE);
			}
			assertThat(sanitizer.applyUnlessFiltered(new SanitizableData(null, "hf.oauth.client-id", "c")).getValue())
				.isEqualTo("c");
		});
	}

	@Test
	void theApplicationsAuthoritiesMapperIsUsed() {
		this.contextRunner.withBean(HfAuthoritiesMapper.class, () -> (user) -> List.of(new SimpleGrantedAuthority("ROLE_HF")))
			.run((context) -> assertThat(context.getBean(HfMockLogin.class).authenticate(null).getAuthorities())
				.extracting(GrantedAuthority::getAuthority)
				.contains("ROLE_HF")
				.noneMatch((authority) -> authority.startsWith("HF_ORG_")));
	}

	@Test
	void theHfExpressionsBeanIsThereUnlessTheAppHasOneOfThatName() {
		this.contextRunner.run((context) -> assertThat(context.getBean("hf")).isInstanceOf(HfSecurityExpressions.class));
		this.contextRunner.withBean("hf", String.class, () -> "mine")
			.run((context) -> assertThat(context.getBean("hf")).isEqualTo("mine"));
	}

	@Test
	void theApplicationsConverterWins() {
		HfOAuth2UserConverter own = new HfOAuth2UserConverter();
		this.contextRunner.withBean(HfOAuth2UserConverter.class, () -> own)
			.run((context) -> assertThat(context.getBean(HfOAuth2UserConverter.class)).isSameAs(own));
	}

}
