package io.github.hfoauth.test;

import java.util.List;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOAuth2UserConverter;
import io.github.hfoauth.HfOrganizationAuthorities;
import io.github.hfoauth.HfOrganizationRole;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

class WithMockHfUserTests {

	static HfOAuth2User current() {
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		assertThat(authentication).isInstanceOf(OAuth2AuthenticationToken.class);
		assertThat(((OAuth2AuthenticationToken) authentication).getAuthorizedClientRegistrationId()).isEqualTo("huggingface");
		return (HfOAuth2User) authentication.getPrincipal();
	}

	static List<String> authorities(HfOAuth2User user) {
		return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

	@Nested
	@SpringJUnitConfig(NoConverter.class)
	class WithTheDefaultConverter {

		@Test
		@WithMockHfUser(username = "alice", organizations = @WithMockHfUser.Organization(name = "acme",
				role = HfOrganizationRole.WRITE), authorities = "ROLE_TESTER")
		void theUserHasTheAuthoritiesOfASignIn() {
			HfOAuth2User alice = current();
			assertThat(alice.getUsername()).isEqualTo("alice");
			assertThat(alice.getDisplayName()).isEqualTo("alice");
			assertThat(alice.hasRoleIn("acme", HfOrganizationRole.WRITE)).isTrue();
			assertThat(authorities(alice)).containsExactly("OIDC_USER", "SCOPE_openid", "SCOPE_profile", "HF_ORG_acme",
					"HF_ORG_acme:READ", "HF_ORG_acme:CONTRIBUTOR", "HF_ORG_acme:WRITE", "ROLE_TESTER");
			assertThat(alice).isEqualTo(HfOAuth2User.builder("alice").build());
		}

	}

	@Nested
	@SpringJUnitConfig(OwnMapper.class)
	class WithTheApplicationsConverter {

		@Test
		@WithMockHfUser(username = "bob", organizations = @WithMockHfUser.Organization(name = "acme",
				role = HfOrganizationRole.ADMIN))
		void itsMapperDecidesTheAuthorities() {
			assertThat(authorities(current())).contains("ROLE_ACME_ADMIN", "HF_ORG_acme:ADMIN");
		}

	}

	@Nested
	@SpringJUnitConfig(NoConverter.class)
	@WithMockHfUser(username = "carol", pro = true, scopes = { "openid", "inference-api" })
	class OnTheClass {

		@Test
		void everyTestRunsAsTheUser() {
			HfOAuth2User carol = current();
			assertThat(carol.getUsername()).isEqualTo("carol");
			assertThat(authorities(carol)).containsExactly("OIDC_USER", "SCOPE_openid", "SCOPE_inference-api", "HF_PRO");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoConverter {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMapper {

		@Bean
		HfOAuth2UserConverter converter() {
			HfOrganizationAuthorities organizations = new HfOrganizationAuthorities();
			return new HfOAuth2UserConverter((user) -> {
				List<GrantedAuthority> authorities = new java.util.ArrayList<>(organizations.authorities(user));
				if (user.hasRoleIn("acme", HfOrganizationRole.ADMIN)) {
					authorities.add(new SimpleGrantedAuthority("ROLE_ACME_ADMIN"));
				}
				return authorities;
			}, null);
		}

	}

}
