package io.github.hfoauth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in user as this version of the starter writes it into a session, for the tests
 * that read sessions back. {@link #main} writes the committed fixtures again; run it only
 * when the serialized form is meant to change, never to make a failing read-back pass.
 */
public final class SessionFixtures {

	/**
	 * A JDK-serialized user whose ID token is a signed JWT, in the one stored format
	 * ({@code StoredUser}), under src/test/resources.
	 */
	public static final String JDK_FIXTURE = "/io/github/hfoauth/hf-oauth2-user.ser";

	private static final Instant ISSUED_AT = Instant.parse("2026-11-24T12:00:00Z");

	private SessionFixtures() {
	}

	/**
	 * Ada, as a real sign-in builds her: claims of the ID token, userinfo with organizations.
	 * @param organizations how many organizations she belongs to (the first three are acme
	 * (admin), open-science (read) and team-2 (write))
	 * @return the user
	 */
	public static HfOAuth2User ada(int organizations) {
		Map<String, Object> userInfo = userInfo(organizations);
		OidcIdToken idToken = OidcIdToken.withTokenValue("eyJhbGciOiJSUzI1NiJ9.fixture.signature")
			.subject("62f264b9f3c90f4b6514a269")
			.issuer("https://huggingface.co")
			.audience(new ArrayList<>(List.of("fixture-client")))
			.issuedAt(ISSUED_AT)
			.expiresAt(ISSUED_AT.plusSeconds(3600))
			.claim("auth_time", ISSUED_AT)
			.claim("nonce", "n-0S6_WzA2Mj")
			.claim("name", "Ada Lovelace")
			.claim("preferred_username", "ada")
			.claim("picture", "https://cdn-avatars.example/ada.png")
			.build();
		return new HfOAuth2UserConverter().convert(idToken, new OidcUserInfo(userInfo),
				List.of("openid", "profile", "email", "read-memberships"));
	}

	/**
	 * Ada as a real sign-in builds her from a signed JWT, whose claims read back from it.
	 * @return the user
	 */
	public static HfOAuth2User adaSignedIn() {
		return IdTokenInSessionTests.adaSignedIn();
	}

	/**
	 * Ada in the shape of Hugging Face's userinfo.
	 * @param organizations how many organizations she belongs to (see {@link #ada(int)})
	 * @return the claims
	 */
	public static Map<String, Object> userInfo(int organizations) {
		Map<String, Object> userInfo = new LinkedHashMap<>();
		userInfo.put("sub", "62f264b9f3c90f4b6514a269");
		userInfo.put("name", "Ada Lovelace");
		userInfo.put("preferred_username", "ada");
		userInfo.put("email", "ada@example.com");
		userInfo.put("email_verified", true);
		userInfo.put("picture", "https://cdn-avatars.example/ada.png");
		userInfo.put("profile", "https://hf.example/ada");
		userInfo.put("website", "https://ada.example");
		userInfo.put("isPro", true);
		userInfo.put("canPay", false);
		List<Map<String, Object>> orgs = new ArrayList<>();
		for (int i = 0; i < organizations; i++) {
			orgs.add(organization(i));
		}
		userInfo.put("orgs", orgs);
		return userInfo;
	}

	private static Map<String, Object> organization(int index) {
		String[][] firstThree = { { "acme", "Acme Corp", "admin", "team" },
				{ "open-science", "Open Science", "read", "enterprise" }, { "team-2", "Team 2", "write", "team" } };
		String[] org = (index < firstThree.length) ? firstThree[index]
				: new String[] { "org-" + index, "Organization " + index, "contributor", "team" };
		Map<String, Object> organization = new LinkedHashMap<>();
		organization.put("sub", String.format("5e67bd5b10090636894%05d", index));
		organization.put("name", org[1]);
		organization.put("preferred_username", org[0]);
		organization.put("picture", "https://cdn-avatars.example/" + org[0] + ".png");
		organization.put("plan", org[3]);
		organization.put("canPay", index == 0);
		organization.put("roleInOrg", org[2]);
		if (index == 0) {
			organization.put("securityRestrictions", new ArrayList<>(List.of("mfa", "sso")));
		}
		return organization;
	}

	/**
	 * Asserts that a user read back from a session is the one written, in everything an
	 * application reads.
	 * @param actual the user read back
	 * @param expected the user written
	 */
	public static void assertSameUser(HfOAuth2User actual, HfOAuth2User expected) {
		assertThat(actual).isEqualTo(expected);
		assertThat(actual.getUsername()).isEqualTo(expected.getUsername());
		assertThat(actual.getDisplayName()).isEqualTo(expected.getDisplayName());
		assertThat(actual.getEmail()).isEqualTo(expected.getEmail());
		assertThat(actual.isPro()).isEqualTo(expected.isPro());
		assertThat(actual.getCanPay()).isEqualTo(expected.getCanPay());
		assertThat(actual.getOrganizations()).usingRecursiveFieldByFieldElementComparator()
			.isEqualTo(expected.getOrganizations());
		assertThat(actual.getClaims()).isEqualTo(expected.getClaims());
		assertThat(actual.getIdToken().getTokenValue()).isEqualTo(expected.getIdToken().getTokenValue());
		assertThat(actual.getIdToken().getExpiresAt()).isEqualTo(expected.getIdToken().getExpiresAt());
		assertThat(AuthorityUtils.authorityListToSet(actual.getAuthorities()))
			.isEqualTo(AuthorityUtils.authorityListToSet(expected.getAuthorities()));
	}

	/**
	 * Java serialization, as Spring Session's default serializer writes a session attribute.
	 * @param value the attribute
	 * @return its bytes
	 */
	public static byte[] jdkSerialized(Object value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * Reads what {@link #jdkSerialized(Object)} wrote.
	 * @param bytes the bytes
	 * @return the attribute
	 */
	public static Object jdkDeserialized(byte[] bytes) {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
			return in.readObject();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Writes the fixtures again (from the module's directory).
	 * @param args unused
	 * @throws IOException if the file cannot be written
	 */
	public static void main(String[] args) throws IOException {
		Path fixture = Path.of("src/test/resources" + JDK_FIXTURE);
		Files.write(fixture, jdkSerialized(IdTokenInSessionTests.adaSignedIn()));
		System.out.println("Wrote " + fixture.toAbsolutePath());
	}

}
