package io.github.hfoauth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;

import static org.assertj.core.api.Assertions.assertThat;

class HfOAuth2UserTests {

	private static final String SUB = "62f264b9f3c90f4b6514a269";

	private final HfOAuth2UserConverter converter = new HfOAuth2UserConverter();

	@Test
	void mapsEveryFieldOfATypicalUserInfo() {
		HfOAuth2User user = user(typicalUserInfo());
		assertThat(user.getName()).isEqualTo(SUB);
		assertThat(user.getSubject()).isEqualTo(SUB);
		assertThat(user.getUsername()).isEqualTo("ada");
		assertThat(user.getDisplayName()).isEqualTo("Ada Lovelace");
		assertThat(user.getEmail()).isEqualTo("ada@example.com");
		assertThat(user.getEmailVerified()).isTrue();
		assertThat(user.getAvatarUrl()).isEqualTo("https://cdn.example/ada.png");
		assertThat(user.getProfile()).isEqualTo("https://hf.example/ada");
		assertThat(user.getWebsite()).isEqualTo("https://ada.example");
		assertThat(user.isPro()).isTrue();
		assertThat(user.getCanPay()).isFalse();
		assertThat(user.getOrganizations()).hasSize(2);
		HfOrganization acme = user.getOrganizations().get(0);
		assertThat(acme.getSub()).isEqualTo("5e67bd5b1009063689407478");
		assertThat(acme.getUsername()).isEqualTo("acme");
		assertThat(acme.getName()).isEqualTo("Acme Corp");
		assertThat(acme.getAvatarUrl()).isEqualTo("https://cdn.example/acme.png");
		assertThat(acme.getPlan()).isEqualTo("team");
		assertThat(acme.getCanPay()).isTrue();
		assertThat(acme.getRoleInOrg()).isEqualTo("admin");
		assertThat(acme.getRole()).contains(HfOrganizationRole.ADMIN);
		assertThat(acme.getSecurityRestrictions()).containsExactly("mfa", "sso");
	}

	@Test
	void standardClaimAccessorsAgreeWithTheTypedOnes() {
		HfOAuth2User user = user(typicalUserInfo());
		assertThat(user.getPreferredUsername()).isEqualTo(user.getUsername());
		assertThat(user.getFullName()).isEqualTo(user.getDisplayName());
		assertThat(user.getPicture()).isEqualTo(user.getAvatarUrl());
		assertThat(user.getAttributes()).containsEntry("preferred_username", "ada").containsKey("orgs");
	}

	@Test
	void organizationHelpersMatchHandleIgnoringCaseOrSub() {
		HfOAuth2User user = user(typicalUserInfo());
		assertThat(user.isMemberOf("acme")).isTrue();
		assertThat(user.isMemberOf("ACME")).isTrue();
		assertThat(user.isMemberOf("5e67bd5b1009063689407478")).isTrue();
		assertThat(user.isMemberOf("evil-corp")).isFalse();
		assertThat(user.roleIn("acme")).contains(HfOrganizationRole.ADMIN);
		assertThat(user.roleIn("open-science")).contains(HfOrganizationRole.READ);
		assertThat(user.roleIn("evil-corp")).isEmpty();
		assertThat(user.hasRoleIn("acme", HfOrganizationRole.WRITE)).isTrue();
		assertThat(user.hasRoleIn("open-science", HfOrganizationRole.WRITE)).isFalse();
		assertThat(user.hasRoleIn("open-science", HfOrganizationRole.READ)).isTrue();
	}

	@Test
	void anOrganizationWhoseHandleIsAnotherOrganizationsSubDoesNotPassForIt() {
		String acmeSub = "5e67bd5b1009063689407478";
		HfOAuth2User impostor = user(Map.of("sub", SUB, "orgs",
				List.of(Map.of("sub", "aaaaaaaaaaaaaaaaaaaaaaaa", "preferred_username", acmeSub, "roleInOrg", "admin"))));
		assertThat(impostor.isMemberOf(acmeSub)).isFalse();
		assertThat(new HfOrganizationGate(List.of(acmeSub), null).admits(impostor)).isFalse();
		assertThat(user(typicalUserInfo()).isMemberOf(acmeSub)).isTrue();
	}

	@Test
	void noOrganizationNameSpellsAnotherOrganizationsRole() {
		HfOAuth2User user = user(Map.of("sub", SUB, "orgs",
				List.of(Map.of("preferred_username", "acme_ADMIN", "roleInOrg", "read"))));
		assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.contains("HF_ORG_acme_ADMIN", "HF_ORG_acme_ADMIN:READ")
			.doesNotContain("HF_ORG_acme:ADMIN", "HF_ORG_acme");
	}

	@Test
	void missingFieldsAreAbsentNotErrors() {
		HfOAuth2User user = user(Map.of("sub", SUB));
		assertThat(user.getUsername()).isNull();
		assertThat(user.getDisplayName()).isNull();
		assertThat(user.getEmail()).isNull();
		assertThat(user.getEmailVerified()).isNull();
		assertThat(user.getAvatarUrl()).isNull();
		assertThat(user.isPro()).isFalse();
		assertThat(user.getCanPay()).isNull();
		assertThat(user.getOrganizations()).isEmpty();
		assertThat(user.isMemberOf("acme")).isFalse();
	}

	@Test
	void wronglyTypedFieldsAreAbsentNotErrors() {
		Map<String, Object> userInfo = new LinkedHashMap<>();
		userInfo.put("sub", SUB);
		userInfo.put("preferred_username", 42);
		userInfo.put("name", List.of("Ada"));
		userInfo.put("email", false);
		userInfo.put("email_verified", "yes");
		userInfo.put("picture", Map.of("url", "x"));
		userInfo.put("isPro", "true");
		userInfo.put("canPay", 1);
		userInfo.put("orgs", List.of("acme", 7, Map.of("preferred_username", "ok-org", "roleInOrg", 3,
				"securityRestrictions", "mfa", "canPay", "no", "plan", List.of())));
		HfOAuth2User user = user(userInfo);
		assertThat(user.getUsername()).isNull();
		assertThat(user.getDisplayName()).isNull();
		assertThat(user.getEmail()).isNull();
		assertThat(user.getEmailVerified()).isNull();
		assertThat(user.getAvatarUrl()).isNull();
		assertThat(user.isPro()).isFalse();
		assertThat(user.getCanPay()).isNull();
		assertThat(user.getOrganizations()).singleElement().satisfies((organization) -> {
			assertThat(organization.getUsername()).isEqualTo("ok-org");
			assertThat(organization.getRoleInOrg()).isNull();
			assertThat(organization.getRole()).isEmpty();
			assertThat(organization.getSecurityRestrictions()).isEmpty();
			assertThat(organization.getCanPay()).isNull();
			assertThat(organization.getPlan()).isNull();
		});
	}

	@Test
	void unknownFieldsAndUnknownRolesAreIgnored() {
		Map<String, Object> userInfo = new LinkedHashMap<>(typicalUserInfo());
		userInfo.put("favouriteModel", "gpt2");
		userInfo.put("orgs", List.of(Map.of("sub", "5e67bd5b1009063689407478", "preferred_username", "acme",
				"roleInOrg", "owner", "resourceGroups", List.of(Map.of("sub", "x", "name", "rg", "role", "admin")))));
		HfOAuth2User user = user(userInfo);
		assertThat(user.getUsername()).isEqualTo("ada");
		assertThat(user.getOrganizations()).singleElement().satisfies((organization) -> {
			assertThat(organization.getRoleInOrg()).isEqualTo("owner");
			assertThat(organization.getRole()).isEmpty();
		});
		assertThat(user.roleIn("acme")).isEmpty();
	}

	@Test
	void deprecatedOrganizationFieldsAreReadWhereTheNewOnesAreMissing() {
		Map<String, Object> userInfo = new LinkedHashMap<>();
		userInfo.put("sub", SUB);
		userInfo.put("orgs", List.of(
				Map.of("preferred_username", "old-style", "isEnterprise", true, "pendingSSO", true, "missingMFA", true),
				Map.of("preferred_username", "new-style", "isEnterprise", true, "plan", "team",
						"securityRestrictions", List.of("ip"), "pendingSSO", true)));
		HfOAuth2User user = user(userInfo);
		HfOrganization oldStyle = user.getOrganization("old-style").orElseThrow();
		assertThat(oldStyle.getPlan()).isEqualTo("enterprise");
		assertThat(oldStyle.getSecurityRestrictions()).containsExactlyInAnyOrder("mfa", "sso");
		HfOrganization newStyle = user.getOrganization("new-style").orElseThrow();
		assertThat(newStyle.getPlan()).isEqualTo("team");
		assertThat(newStyle.getSecurityRestrictions()).containsExactly("ip");
	}

	@Test
	void organizationsWithNeitherSubNorHandleAreDropped() {
		HfOAuth2User user = user(Map.of("sub", SUB, "orgs", List.of(Map.of("name", "Nameless"))));
		assertThat(user.getOrganizations()).isEmpty();
	}

	@Test
	void idTokenClaimsWinOverUserInfoForStandardClaims() {
		OidcIdToken idToken = idToken(Map.of("preferred_username", "signed-handle"));
		HfOAuth2User user = this.converter.convert(idToken,
				new OidcUserInfo(Map.of("sub", SUB, "preferred_username", "userinfo-handle")), List.of("openid"));
		assertThat(user.getUsername()).isEqualTo("signed-handle");
	}

	@Test
	void authoritiesAreSpringSecuritysThenOrganizationsRolesAndPro() {
		HfOAuth2User user = this.converter.convert(idToken(Map.of()), new OidcUserInfo(typicalUserInfo()),
				List.of("openid", "profile", "read-memberships"));
		assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("OIDC_USER", "SCOPE_openid", "SCOPE_profile", "SCOPE_read-memberships", "HF_PRO",
					"HF_ORG_acme", "HF_ORG_acme:READ", "HF_ORG_acme:CONTRIBUTOR", "HF_ORG_acme:WRITE",
					"HF_ORG_acme:ADMIN", "HF_ORG_open-science", "HF_ORG_open-science:READ");
	}

	@Test
	void eachRoleImpliesTheLowerOnesOnly() {
		for (HfOrganizationRole held : HfOrganizationRole.values()) {
			Map<String, Object> userInfo = new LinkedHashMap<>(typicalUserInfo());
			userInfo.put("isPro", false);
			userInfo.put("orgs", List.of(Map.of("preferred_username", "acme", "roleInOrg", held.value())));
			HfOAuth2User user = user(userInfo);
			for (HfOrganizationRole role : HfOrganizationRole.values()) {
				assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
					.as("%s holds %s", held, role)
					.matches((authorities) -> authorities.contains("HF_ORG_acme:" + role.name()) == held.isAtLeast(role));
			}
			assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority).doesNotContain("HF_PRO");
		}
	}

	@Test
	void aMemberWithoutAGrantedRoleHasTheMembershipOnly() {
		HfOAuth2User user = user(Map.of("sub", SUB, "orgs", List.of(Map.of("preferred_username", "acme"))));
		assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.contains("HF_ORG_acme")
			.noneMatch((authority) -> authority.startsWith("HF_ORG_acme:"));
	}

	@Test
	void anAppsMapperReplacesTheOrganizationAuthorities() {
		HfOAuth2UserConverter own = new HfOAuth2UserConverter(
				(user) -> List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(
						user.hasRoleIn("acme", HfOrganizationRole.ADMIN) ? "ROLE_ADMIN" : "ROLE_USER")),
				null);
		HfOAuth2User user = own.convert(idToken(Map.of()), new OidcUserInfo(typicalUserInfo()), List.of("openid"));
		assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactly("OIDC_USER", "SCOPE_openid", "ROLE_ADMIN");
	}

	@Test
	void theGateAdmitsMembersWithTheRoleAndRefusesOthers() {
		HfOAuth2UserConverter gated = new HfOAuth2UserConverter(new HfOrganizationAuthorities(),
				new HfOrganizationGate(List.of("ACME", "other"), HfOrganizationRole.WRITE));
		assertThat(gated.convert(idToken(Map.of()), new OidcUserInfo(typicalUserInfo()), List.of("openid"))
			.getUsername()).isEqualTo("ada");
		Map<String, Object> reader = new LinkedHashMap<>(typicalUserInfo());
		reader.put("orgs", List.of(Map.of("preferred_username", "acme", "roleInOrg", "read")));
		org.assertj.core.api.Assertions
			.assertThatExceptionOfType(org.springframework.security.oauth2.core.OAuth2AuthenticationException.class)
			.isThrownBy(() -> gated.convert(idToken(Map.of()), new OidcUserInfo(reader), List.of("openid")))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo(HfOAuth2ErrorCodes.ORGANIZATION_REQUIRED);
				assertThat(ex.getError().getDescription())
					.isEqualTo("This app is limited to members of ACME or other with the write role or above.");
			});
		HfOrganizationGate anyMember = new HfOrganizationGate(List.of("5e67bd5b1009063689407478"), null);
		assertThat(anyMember.admits(user(typicalUserInfo()))).as("by sub").isTrue();
		assertThat(anyMember.admits(user(Map.of("sub", SUB)))).isFalse();
	}

	@Test
	void equalityIsBySubOnly() {
		HfOAuth2User before = user(typicalUserInfo());
		Map<String, Object> renamed = new LinkedHashMap<>(typicalUserInfo());
		renamed.put("preferred_username", "ada-renamed");
		renamed.put("isPro", false);
		HfOAuth2User after = user(renamed);
		HfOAuth2User someoneElse = this.converter.convert(
				OidcIdToken.withTokenValue("t").subject("aaaaaaaaaaaaaaaaaaaaaaaa").issuedAt(Instant.now())
					.expiresAt(Instant.now().plusSeconds(60)).build(),
				null, List.of());
		assertThat(after).isEqualTo(before).hasSameHashCodeAs(before);
		assertThat(someoneElse).isNotEqualTo(before);
	}

	@Test
	void toStringShowsNoToken() {
		HfOAuth2User user = this.converter.convert(
				OidcIdToken.withTokenValue("eyJ-secret-id-token").subject(SUB).issuedAt(Instant.now())
					.expiresAt(Instant.now().plusSeconds(60)).build(),
				new OidcUserInfo(typicalUserInfo()), List.of("openid"));
		assertThat(user.toString()).contains("ada", SUB, "acme").doesNotContain("eyJ-secret-id-token");
	}

	@Test
	void survivesJavaSerialization() throws Exception {
		HfOAuth2User user = user(typicalUserInfo());
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(user);
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			HfOAuth2User read = (HfOAuth2User) in.readObject();
			assertThat(read).isEqualTo(user);
			assertThat(read.getOrganizations()).isEqualTo(user.getOrganizations());
			assertThat(read.roleIn("acme")).contains(HfOrganizationRole.ADMIN);
			assertThat(List.copyOf(read.getAuthorities())).isEqualTo(List.copyOf(user.getAuthorities()));
		}
	}

	private HfOAuth2User user(Map<String, Object> userInfo) {
		return this.converter.convert(idToken(Map.of()), new OidcUserInfo(userInfo), List.of("openid"));
	}

	private static OidcIdToken idToken(Map<String, Object> extraClaims) {
		Instant now = Instant.now();
		return OidcIdToken.withTokenValue("id-token")
			.issuer("https://huggingface.co")
			.subject(SUB)
			.audience(List.of("client"))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(3600))
			.claims((claims) -> claims.putAll(extraClaims))
			.build();
	}

	private static Map<String, Object> typicalUserInfo() {
		Map<String, Object> userInfo = new LinkedHashMap<>();
		userInfo.put("sub", SUB);
		userInfo.put("name", "Ada Lovelace");
		userInfo.put("preferred_username", "ada");
		userInfo.put("email", "ada@example.com");
		userInfo.put("email_verified", true);
		userInfo.put("picture", "https://cdn.example/ada.png");
		userInfo.put("profile", "https://hf.example/ada");
		userInfo.put("website", "https://ada.example");
		userInfo.put("isPro", true);
		userInfo.put("canPay", false);
		userInfo.put("orgs", List.of(
				Map.of("sub", "5e67bd5b1009063689407478", "name", "Acme Corp", "preferred_username", "acme",
						"picture", "https://cdn.example/acme.png", "plan", "team", "canPay", true, "roleInOrg",
						"admin", "securityRestrictions", List.of("mfa", "sso")),
				Map.of("sub", "6a1b2c3d4e5f60718293a4b5", "name", "Open Science", "preferred_username",
						"open-science", "roleInOrg", "read")));
		return userInfo;
	}

}
