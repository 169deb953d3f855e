package io.github.hfoauth;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Hub's {@code whoami-v2} answer becomes the principal a sign-in gives: userinfo's shape,
 * the converter's authorities and gate; and each other answer its refusal or outage.
 */
class HfBearerTokenUsersTests {

	private static final Map<String, Object> WHOAMI = Map.of("type", "user", "id", "62f264b9f3c90f4b6514a269", "name",
			"ada", "fullname", "Ada Lovelace", "isPro", true, "avatarUrl", "/avatars/ada.png", "orgs",
			List.of(Map.of("type", "org", "id", "5e67bd5b1009063689407478", "name", "acme", "fullname", "Acme Corp",
					"roleInOrg", "write", "plan", "team", "securityRestrictions", List.of("mfa"))),
			"auth", Map.of("type", "access_token", "accessToken", Map.of("displayName", "notebook", "role", "read")));

	private final HfBearerTokenUsers users = users(null);

	@Test
	void whoamiBecomesTheUserASignInGives() {
		HfOAuth2User ada = (HfOAuth2User) this.users.principal(this.users.read(200, WHOAMI));
		assertThat(ada.getSubject()).isEqualTo("62f264b9f3c90f4b6514a269");
		assertThat(ada.getUsername()).isEqualTo("ada");
		assertThat(ada.getDisplayName()).isEqualTo("Ada Lovelace");
		assertThat(ada.getAvatarUrl()).isEqualTo("https://hub.example/avatars/ada.png");
		assertThat(ada.getProfile()).isEqualTo("https://hub.example/ada");
		assertThat(ada.isPro()).isTrue();
		HfOrganization acme = ada.getOrganizations().get(0);
		assertThat(acme.getSub()).isEqualTo("5e67bd5b1009063689407478");
		assertThat(acme.getName()).isEqualTo("Acme Corp");
		assertThat(acme.getPlan()).isEqualTo("team");
		assertThat(acme.getSecurityRestrictions()).containsExactly("mfa");
		assertThat(ada.hasRoleIn("acme", HfOrganizationRole.WRITE)).isTrue();
		assertThat(ada.getAuthorities()).extracting(Object::toString)
			.containsExactlyInAnyOrder("OIDC_USER", "HF_PRO", "HF_ORG_acme", "HF_ORG_acme:WRITE",
					"HF_ORG_acme:CONTRIBUTOR", "HF_ORG_acme:READ");
		assertThat(ada.getIdToken().getTokenValue()).doesNotStartWith("hf_");
	}

	@Test
	void theOrganizationGateRefusesAsAtSignIn() {
		HfBearerTokenUsers gated = users(new HfOrganizationGate(List.of("acme"), HfOrganizationRole.ADMIN));
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> gated.principal(gated.read(200, WHOAMI)))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo(HfOAuth2ErrorCodes.ORGANIZATION_REQUIRED))
			.satisfies((ex) -> assertThat(ex.getError().getDescription())
				.isEqualTo("This app is limited to members of acme with the admin role or above."));
	}

	@Test
	void aTokenTheHubRefusesOrThatIsNoUsersIsInvalid() {
		for (int status : new int[] { 401, 403 }) {
			assertThatExceptionOfType(BadOpaqueTokenException.class)
				.isThrownBy(() -> this.users.principal(this.users.read(status, null)));
		}
		assertThatExceptionOfType(BadOpaqueTokenException.class)
			.isThrownBy(() -> this.users.principal(this.users.read(200, Map.of("type", "org", "id", "5e67", "name", "acme"))));
		assertThatExceptionOfType(BadOpaqueTokenException.class)
			.isThrownBy(() -> this.users.principal(this.users.read(200, Map.of("error", "odd"))));
	}

	@Test
	void onlyAUserAccessTokenCountsUnlessTheAppAcceptsOAuthTokens() {
		Map<String, Object> oauth = new HashMap<>(WHOAMI);
		oauth.put("auth", Map.of("type", "oauth"));
		Map<String, Object> noAuth = new HashMap<>(WHOAMI);
		noAuth.remove("auth");
		Map<String, Object> oddAuth = new HashMap<>(WHOAMI);
		oddAuth.put("auth", "access_token");
		for (Map<String, Object> whoami : List.of(oauth, noAuth, oddAuth)) {
			assertThatExceptionOfType(OAuth2AuthenticationException.class)
				.isThrownBy(() -> this.users.principal(this.users.read(200, whoami)))
				.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_token"))
				.satisfies((ex) -> assertThat(ex.getError().getDescription())
					.isEqualTo(HfBearerTokenUsers.USER_ACCESS_TOKENS_ONLY));
		}
		HfBearerTokenUsers acceptingOAuthTokens = users(null, true);
		assertThat(acceptingOAuthTokens.principal(acceptingOAuthTokens.read(200, oauth)))
			.extracting((user) -> ((HfOAuth2User) user).getUsername())
			.isEqualTo("ada");
	}

	@Test
	void onlyATokenOfAHuggingFaceTokensShapeIsWorthAskingTheHubAbout() {
		assertThat(List.of("hf_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgH", "hf_oauth_0123456789abcdefABCDEF",
				"hf_test_0123456789abcdef", "hf_unknown_6f1c-4b2a-9d3e"))
			.allMatch(HfBearerTokenUsers::couldBeHuggingFaceToken);
		assertThat(List.of("", "hf_", "hf_short", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", "ghp_0123456789abcdefghij",
				"HF_0123456789abcdef", "hf_0123456789+/abcdef=", "hf_0123456789.abcdef", "hf_" + "a".repeat(254)))
			.noneMatch(HfBearerTokenUsers::couldBeHuggingFaceToken);
	}

	@Test
	void aTokenOfAnotherShapeIsRefusedWithoutAskingTheHub() {
		assertThatExceptionOfType(BadOpaqueTokenException.class).isThrownBy(() -> this.users.principal(this.users
			.answer("not-a-hugging-face-token", () -> {
				throw new AssertionError("asked the Hub");
			})
			.join()));
	}

	@Test
	void anyOtherAnswerIsAnOutageNotTheCallersFault() {
		for (int status : new int[] { 404, 429, 500, 503 }) {
			assertThatExceptionOfType(OAuth2IntrospectionException.class)
				.isThrownBy(() -> this.users.read(status, null))
				.isNotInstanceOf(BadOpaqueTokenException.class)
				.withMessage("Hugging Face answered HTTP " + status + " when asked who a token belongs to");
		}
	}

	private static HfBearerTokenUsers users(HfOrganizationGate gate) {
		return users(gate, false);
	}

	private static HfBearerTokenUsers users(HfOrganizationGate gate, boolean acceptOAuthTokens) {
		return new HfBearerTokenUsers(new HfOAuth2UserConverter(new HfOrganizationAuthorities(), gate),
				"https://hub.example/", Duration.ofSeconds(5), Duration.ofSeconds(5), List.of("/api/**"),
				Duration.ofMinutes(5), 100, acceptOAuthTokens);
	}

}
