package io.github.hfoauth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a signed-in user holds its claims for the session's lifetime: once, compact, shared
 * between users where they are alike, and still read exactly as sign-in parsed them.
 */
class CompactClaimsTests {

	private final HfOAuth2UserConverter converter = new HfOAuth2UserConverter();

	@Test
	void theClaimsReadAsTheMergedMapSignInParsedInItsOrder() {
		Map<String, Object> userInfo = userInfo("ada", "Ada Lovelace");
		OidcIdToken idToken = idToken("ada");
		HfOAuth2User user = this.converter.convert(idToken, new OidcUserInfo(userInfo), List.of("openid"));

		Map<String, Object> expected = new LinkedHashMap<>(userInfo);
		expected.putAll(idToken.getClaims());
		assertThat(user.getClaims()).isEqualTo(expected).hasSameHashCodeAs(expected);
		assertThat(user.getClaims().keySet()).containsExactlyElementsOf(expected.keySet());
		assertThat(user.getClaims().get("nowhere")).isNull();
		assertThat(user.getClaims()).containsEntry("name", "Ada Lovelace").doesNotContainKey("nowhere");
		assertThat(user.getClaims().toString()).isEqualTo(expected.toString());
	}

	@Test
	void theIdTokenAndUserInfoReadBackEqualWithPlainMapsAndLists() {
		OidcIdToken idToken = idToken("ada");
		Map<String, Object> userInfo = userInfo("ada", "Ada Lovelace");
		HfOAuth2User user = this.converter.convert(idToken, new OidcUserInfo(userInfo), List.of("openid"));

		assertThat(user.getIdToken()).isEqualTo(idToken);
		assertThat(user.getIdToken().getClaims()).isEqualTo(idToken.getClaims());
		assertThat(user.getUserInfo().getClaims()).isEqualTo(userInfo);
		Object orgs = user.getUserInfo().getClaims().get("orgs");
		assertThat(orgs).isInstanceOf(ArrayList.class);
		assertThat(((List<?>) orgs).get(0)).isInstanceOf(LinkedHashMap.class);
	}

	@Test
	void nothingAUserHoldsCanBeChangedThroughItsClaims() {
		HfOAuth2User user = this.converter.convert(idToken("ada"), new OidcUserInfo(userInfo("ada", "Ada")),
				List.of("openid"));

		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> user.getClaims().put("name", "Mallory"));
		List<?> orgs = (List<?>) user.getClaims().get("orgs");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(orgs::clear);
		@SuppressWarnings("unchecked")
		Map<String, Object> acme = (Map<String, Object>) orgs.get(0);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> acme.put("roleInOrg", "admin"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> acme.entrySet().iterator().next().setValue("admin"));
	}

	@Test
	void usersOfTheSameOrganizationsShareThemAndTheirAuthoritiesButNotTheirOwnClaims() {
		HfOAuth2User ada = this.converter.convert(idToken("ada"), new OidcUserInfo(userInfo("ada", "Ada")),
				List.of("openid"));
		HfOAuth2User bob = this.converter.convert(idToken("bob"), new OidcUserInfo(userInfo("bob", "Bob")),
				List.of("openid"));

		assertThat(bob.getOrganizations().get(0)).isSameAs(ada.getOrganizations().get(0));
		assertThat(((List<?>) bob.getClaims().get("orgs")).get(0))
			.isSameAs(((List<?>) ada.getClaims().get("orgs")).get(0));
		assertThat(bob.getAuthorities()).isSameAs(ada.getAuthorities());
		assertThat(bob.getClaims().get("iss")).isSameAs(ada.getClaims().get("iss"));
		assertThat(bob.getUsername()).isEqualTo("bob");
		assertThat(ada.getUsername()).isEqualTo("ada");
		assertThat(bob.getDisplayName()).isEqualTo("Bob");
	}

	@Test
	void theSameOrganizationWithAnotherRoleIsNotShared() {
		HfOAuth2User ada = this.converter.convert(idToken("ada"), new OidcUserInfo(userInfo("ada", "Ada")),
				List.of("openid"));
		Map<String, Object> readerInfo = userInfo("eve", "Eve");
		readerInfo.put("orgs", List.of(Map.of("sub", "5e67bd5b1009063689407478", "preferred_username", "acme",
				"roleInOrg", "read")));
		HfOAuth2User eve = this.converter.convert(idToken("eve"), new OidcUserInfo(readerInfo), List.of("openid"));

		assertThat(eve.roleIn("acme")).contains(HfOrganizationRole.READ);
		assertThat(ada.roleIn("acme")).contains(HfOrganizationRole.ADMIN);
		assertThat(eve.getAuthorities()).isNotEqualTo(ada.getAuthorities());
	}

	@Test
	void aSharedTableStopsGrowingAtItsLimitAndThenKeepsValuesAsTheyAre() {
		SharedClaimValues.Table<String, String> table = new SharedClaimValues.Table<>(2);
		String first = new String("acme");
		assertThat(table.shared("acme", first)).isSameAs(first);
		assertThat(table.shared("acme", new String("acme"))).isSameAs(first);
		table.shared("open-science", "open-science");
		String third = new String("evil-corp");

		assertThat(table.shared("evil-corp", third)).isSameAs(third);
		assertThat(table.shared("evil-corp", new String("evil-corp"))).isNotSameAs(third);
		assertThat(table.size()).isEqualTo(2);
	}

	private static OidcIdToken idToken(String username) {
		Instant now = Instant.now();
		return OidcIdToken.withTokenValue("id-token-of-" + username)
			.issuer("https://huggingface.co")
			.subject("sub-of-" + username)
			.audience(List.of("client"))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(3600))
			.claim("nonce", "nonce-of-" + username)
			.claim("preferred_username", username)
			.build();
	}

	private static Map<String, Object> userInfo(String username, String name) {
		Map<String, Object> userInfo = new LinkedHashMap<>();
		userInfo.put("sub", "sub-of-" + username);
		userInfo.put("name", name);
		userInfo.put("preferred_username", username);
		userInfo.put("isPro", false);
		userInfo.put("orgs", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("sub", "5e67bd5b1009063689407478",
				"preferred_username", "acme", "roleInOrg", "admin")))));
		return userInfo;
	}

}
