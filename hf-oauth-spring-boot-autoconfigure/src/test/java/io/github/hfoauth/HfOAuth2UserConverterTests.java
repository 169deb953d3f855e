package io.github.hfoauth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The converter builds each user once: the principal it returns holds the very claims and
 * organizations its authorities mapper was shown, not a second parse of the same userinfo.
 */
class HfOAuth2UserConverterTests {

	private final List<HfOAuth2User> shown = new ArrayList<>();

	private final HfAuthoritiesMapper spy = (user) -> {
		this.shown.add(user);
		return List.of(new SimpleGrantedAuthority("ROLE_MAPPED"));
	};

	@Test
	void theClaimsAndOrganizationsAreParsedOnceAndSharedWithTheMapper() {
		HfOAuth2User user = new HfOAuth2UserConverter(this.spy, null).convert(idToken(), userInfo(),
				List.of("openid", "profile"));

		assertThat(this.shown).hasSize(1);
		HfOAuth2User seen = this.shown.get(0);
		assertThat(user.getOrganizations()).isSameAs(seen.getOrganizations()).hasSize(2);
		assertThat(user.getOrganizations().get(0)).isSameAs(seen.getOrganizations().get(0));
		assertThat(user.getClaims()).isSameAs(seen.getClaims());
	}

	@Test
	void theMapperSeesSpringSecuritysAuthoritiesOnlyAndTheUserGetsItsOnesAfterThem() {
		HfOAuth2User user = new HfOAuth2UserConverter(this.spy, null).convert(idToken(), userInfo(),
				List.of("openid", "profile"));

		assertThat(this.shown.get(0).getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("OIDC_USER", "SCOPE_openid", "SCOPE_profile");
		assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("OIDC_USER", "SCOPE_openid", "SCOPE_profile", "ROLE_MAPPED");
		assertThat(user).isEqualTo(this.shown.get(0));
		assertThat(user.hasRoleIn("acme", HfOrganizationRole.ADMIN)).isTrue();
	}

	@Test
	void theGateRefusesBeforeTheMapperSeesTheUser() {
		HfOAuth2UserConverter gated = new HfOAuth2UserConverter(this.spy,
				new HfOrganizationGate(List.of("elsewhere"), null));

		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> gated.convert(idToken(), userInfo(), List.of("openid")));
		assertThat(this.shown).isEmpty();
	}

	private static OidcUserInfo userInfo() {
		Map<String, Object> claims = HfOAuth2User.builder("ada")
			.organization("acme", HfOrganizationRole.ADMIN)
			.organization("open-science", HfOrganizationRole.READ)
			.userInfo();
		return new OidcUserInfo(claims);
	}

	private static OidcIdToken idToken() {
		Instant now = Instant.now();
		return OidcIdToken.withTokenValue("id-token")
			.issuer("https://huggingface.co")
			.subject((String) userInfo().getClaims().get("sub"))
			.audience(List.of("client"))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(3600))
			.build();
	}

}
