package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.HfMockLogin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static io.github.hfoauth.autoconfigure.ServletTestContexts.failsWith;
import static io.github.hfoauth.autoconfigure.ServletTestContexts.properties;
import static io.github.hfoauth.autoconfigure.ServletTestContexts.space;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The organization gate's settings: refused when they cannot work, warned about when the scopes
 * cannot list organizations, applied to the mock user too.
 */
@ExtendWith(OutputCaptureExtension.class)
class HfOrganizationSettingsTests {

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
	void anAllowedRoleWithoutOrganizationsIsRefused() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withPropertyValues("hf.oauth.allowed-role=admin")
			.run(failsWith("hf.oauth.allowed-role is 'admin' but hf.oauth.allowed-organizations is empty",
					"hf.oauth.allowed-organizations=acme"));
	}

	@Test
	void anUnknownAllowedRoleIsRefused() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withPropertyValues("hf.oauth.allowed-organizations=acme", "hf.oauth.allowed-role=owner")
			.run(failsWith("hf.oauth.allowed-role is 'owner'", "admin, write, contributor or read"));
	}

	@Test
	void orgIdsMustBeOrganizationSubs() {
		this.contextRunner.withPropertyValues(properties(fake))
			.withPropertyValues("hf.oauth.org-ids=acme")
			.run(failsWith("hf.oauth.org-ids contains 'acme'", "not its handle"));
	}

	@Test
	void aGateWithoutReadMembershipsIsWarnedAbout(CapturedOutput output) {
		this.contextRunner.withPropertyValues(properties(fake))
			.withPropertyValues("hf.oauth.allowed-organizations=acme")
			.run((context) -> assertThat(output).contains("lack read-memberships").contains("to hf.oauth.scopes"));
	}

	@Test
	void inASpaceTheWarningNamesTheMetadataLine(CapturedOutput output) {
		this.contextRunner.withPropertyValues(space(fake))
			.withPropertyValues("OAUTH_SCOPES=openid profile", "hf.oauth.allowed-organizations=acme")
			.run((context) -> assertThat(output).contains("to hf_oauth_scopes in the Space's README metadata"));
	}

	@Test
	void aGateWithReadMembershipsIsNotWarnedAbout(CapturedOutput output) {
		this.contextRunner.withPropertyValues(properties(fake))
			.withPropertyValues("hf.oauth.allowed-organizations=acme", "hf.oauth.scopes=openid,profile,read-memberships")
			.run((context) -> assertThat(output).doesNotContain("read-memberships, so"));
	}

	@Test
	void theGateAppliesToTheMockUser() {
		this.contextRunner.withPropertyValues("hf.oauth.allowed-organizations=acme")
			.run((context) -> assertThatExceptionOfType(OAuth2AuthenticationException.class)
				.isThrownBy(() -> context.getBean(HfMockLogin.class).authenticate(null))
				.satisfies((ex) -> assertThat(ex.getError().getDescription())
					.isEqualTo("This app is limited to members of acme.")));
	}

}
