package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.HfMockLogin;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static io.github.hfoauth.autoconfigure.ServletTestContexts.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mock user built from {@code hf.oauth.mock.*}, and the startup errors of a bad one.
 */
class MockUserClaimsTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfOAuthAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class));

	@Test
	void theMockUserIsConfigurable() {
		this.contextRunner
			.withPropertyValues("hf.oauth.mock.username=alice", "hf.oauth.mock.name=Alice",
					"hf.oauth.mock.pro=true", "hf.oauth.mock.organizations[0].username=acme",
					"hf.oauth.mock.organizations[0].role=write", "hf.oauth.mock.organizations[1].username=other")
			.run((context) -> {
				var user = context.getBean(HfMockLogin.class).authenticate(null).getPrincipal();
				assertThat(user).isInstanceOfSatisfying(io.github.hfoauth.HfOAuth2User.class, (mock) -> {
					assertThat(mock.getUsername()).isEqualTo("alice");
					assertThat(mock.getDisplayName()).isEqualTo("Alice");
					assertThat(mock.isPro()).isTrue();
					assertThat(mock.getOrganizations()).extracting(io.github.hfoauth.HfOrganization::getUsername)
						.containsExactly("acme", "other");
					assertThat(mock.hasRoleIn("acme", io.github.hfoauth.HfOrganizationRole.WRITE)).isTrue();
					assertThat(mock.roleIn("other")).contains(io.github.hfoauth.HfOrganizationRole.READ);
				});
			});
	}

	@Test
	void theDefaultMockUserIsPlausible() {
		this.contextRunner.run((context) -> {
			var user = (io.github.hfoauth.HfOAuth2User) context.getBean(HfMockLogin.class)
				.authenticate(null)
				.getPrincipal();
			assertThat(user.getUsername()).isEqualTo("mock-user");
			assertThat(user.getSubject()).matches("[0-9a-f]{24}");
			assertThat(user.getAvatarUrl()).startsWith("data:image/svg+xml,");
			assertThat(user.getOrganizations()).singleElement()
				.satisfies((org) -> assertThat(org.getRoleInOrg()).isEqualTo("admin"));
		});
	}

	@Test
	void aMockOrganizationWithoutAHandleIsRefused() {
		this.contextRunner.withPropertyValues("hf.oauth.mock.organizations[0].name=Nameless")
			.run(failsWith("hf.oauth.mock.organizations[0] has no username",
					"hf.oauth.mock.organizations[0].username"));
	}

	@Test
	void anUnknownMockRoleIsRefused() {
		this.contextRunner.withPropertyValues("hf.oauth.mock.organizations[0].username=acme",
				"hf.oauth.mock.organizations[0].role=owner")
			.run(failsWith("hf.oauth.mock.organizations[0].role is 'owner'", "admin, write, contributor or read"));
	}

}
