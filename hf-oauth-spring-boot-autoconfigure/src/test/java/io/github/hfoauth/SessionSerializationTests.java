package io.github.hfoauth;

import java.io.InputStream;
import java.io.ObjectStreamClass;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions outlive deployments in a shared store: a user in the stored format must read back
 * for as long as the format is this one (see {@link StoredUser} for the rule).
 */
class SessionSerializationTests {

	@Test
	void theCommittedUserReadsBackWithTheTokensClaims() throws Exception {
		byte[] written;
		try (InputStream in = getClass().getResourceAsStream(SessionFixtures.JDK_FIXTURE)) {
			assertThat(in).as(SessionFixtures.JDK_FIXTURE).isNotNull();
			written = in.readAllBytes();
		}

		HfOAuth2User ada = (HfOAuth2User) SessionFixtures.jdkDeserialized(written);

		// Read from the JWT again, long after it expired: it was verified when it was written.
		OidcIdToken idToken = ada.getIdToken();
		assertThat(idToken.getTokenValue()).startsWith("eyJ");
		assertThat(idToken.getSubject()).isEqualTo("62f264b9f3c90f4b6514a269");
		assertThat(idToken.getIssuer()).hasToString("https://huggingface.co");
		assertThat(idToken.getAudience()).containsExactly("fixture-client");
		assertThat(idToken.getNonce()).isEqualTo("n-0S6_WzA2Mj");
		assertThat(idToken.getAuthenticatedAt()).isEqualTo(idToken.getIssuedAt());
		assertThat(idToken.getExpiresAt()).isEqualTo(idToken.getIssuedAt().plusSeconds(3600));
		assertThat(idToken.getEmailVerified()).isTrue();
		assertThat(ada.getUserInfo().getClaims()).isEqualTo(SessionFixtures.userInfo(3));
		assertThat(ada.getDisplayName()).isEqualTo("Ada Lovelace");
		assertThat(ada.hasRoleIn("acme", HfOrganizationRole.ADMIN)).isTrue();
		assertThat(ada.getAuthorities()).extracting("authority").contains("OIDC_USER", "HF_ORG_acme:ADMIN");
	}

	@Test
	void theSerialVersionsAreFixed() throws Exception {
		assertThat(ObjectStreamClass.lookup(HfOAuth2User.class).getSerialVersionUID()).isEqualTo(1L);
		assertThat(ObjectStreamClass.lookup(HfOrganization.class).getSerialVersionUID()).isEqualTo(1L);
		assertThat(ObjectStreamClass.lookup(StoredUser.class).getSerialVersionUID()).isEqualTo(1L);
	}

	@Test
	void aUserIsWrittenAsWhatItIsBuiltFrom() {
		HfOAuth2User ada = SessionFixtures.ada(3);

		byte[] written = SessionFixtures.jdkSerialized(ada);

		SessionFixtures.assertSameUser((HfOAuth2User) SessionFixtures.jdkDeserialized(written), ada);
		// Not the derived organizations, nor a second copy of the claims.
		assertThat(new String(written, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("HfOrganization");
	}

	@Test
	void anOrganizationAloneSurvivesJavaSerialization() {
		HfOrganization acme = SessionFixtures.ada(3).getOrganizations().get(0);

		HfOrganization read = (HfOrganization) SessionFixtures.jdkDeserialized(SessionFixtures.jdkSerialized(acme));

		assertThat(read).usingRecursiveComparison().isEqualTo(acme);
	}

}
