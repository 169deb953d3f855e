package io.github.hfoauth.session;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.management.BadAttributeValueExpException;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.SessionFixtures;
import io.github.hfoauth.jackson.HfJacksonModules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter's session serializer, in both formats: a sign-in reads back as the same
 * security context, and nothing edited in the store, unsealed or outside the allow-list is
 * read as if the app had written it.
 */
@ExtendWith(OutputCaptureExtension.class)
class HfSessionSerializerTests {

	private static final byte[] SECRET = "the client secret of the app".getBytes(StandardCharsets.UTF_8);

	private final ClassLoader loader = getClass().getClassLoader();

	private HfSessionSerializer serializer(String format) {
		return serializer(format, SECRET, List.of());
	}

	private HfSessionSerializer serializer(String format, byte[] secret, List<String> allowed) {
		return "jdk".equals(format) ? HfSessionSerializer.jdk(secret, allowed, this.loader) : HfSessionSerializer
			.json(secret, JsonMapper.builder().addModules(HfJacksonModules.getModules(this.loader)).build());
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "json" })
	void aSignInReadsBackAsTheSameSecurityContext(String format) {
		HfSessionSerializer serializer = serializer(format);
		SecurityContext signedIn = signIn(SessionFixtures.adaSignedIn());

		SecurityContext read = (SecurityContext) serializer.deserialize(serializer.serialize(signedIn));

		OAuth2AuthenticationToken written = (OAuth2AuthenticationToken) signedIn.getAuthentication();
		OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) read.getAuthentication();
		assertThat(read).isExactlyInstanceOf(SecurityContextImpl.class);
		assertThat(token.isAuthenticated()).isTrue();
		assertThat(token.getAuthorizedClientRegistrationId()).isEqualTo("huggingface");
		assertThat(new ArrayList<>(token.getAuthorities())).isEqualTo(new ArrayList<>(written.getAuthorities()));
		assertThat(token.getDetails()).isEqualTo(written.getDetails());
		SessionFixtures.assertSameUser((HfOAuth2User) token.getPrincipal(), (HfOAuth2User) written.getPrincipal());
		assertThat(((HfOAuth2User) token.getPrincipal()).getIdToken().getClaims())
			.isEqualTo(((HfOAuth2User) written.getPrincipal()).getIdToken().getClaims());
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "json" })
	void aSignInIsStoredWithoutWhatSpringSecuritysTokenRepeats(String format) {
		byte[] stored = serializer(format).serialize(signIn(SessionFixtures.adaSignedIn()));

		String text = new String(stored, StandardCharsets.ISO_8859_1);
		// One list of authorities, as names; the ID token's claims only inside the JWT.
		assertThat(text).containsOnlyOnce("HF_ORG_acme:ADMIN")
			.doesNotContain("SimpleGrantedAuthority", "OAuth2AuthenticationToken", "n-0S6_WzA2Mj", "auth_time");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "json" })
	void otherValuesReadBackAsWritten(String format) {
		HfSessionSerializer serializer = serializer(format);
		DefaultCsrfToken csrf = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "a-token");
		HfOAuth2User testUser = SessionFixtures.ada(3);

		assertThat(serializer.deserialize(serializer.serialize(csrf))).usingRecursiveComparison().isEqualTo(csrf);
		SessionFixtures.assertSameUser((HfOAuth2User) serializer.deserialize(serializer.serialize(testUser)), testUser);
		assertThat(serializer.deserialize(serializer.serialize("text"))).isEqualTo("text");
		assertThat(serializer.serialize(null)).isEmpty();
		assertThat(serializer.deserialize(new byte[0])).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "json" })
	void numbersAreSealedTextSpringSessionsTimesAmongThem(String format) {
		HfSessionSerializer serializer = serializer(format);

		assertThat(serializer.serialize(1764676800123L)).asString(StandardCharsets.US_ASCII)
			.matches("S[A-Za-z0-9_-]{22}L1764676800123");
		assertThat(serializer.serialize(1800)).asString(StandardCharsets.US_ASCII).matches("S[A-Za-z0-9_-]{22}I1800");
		assertThat(serializer.deserialize(serializer.serialize(1764676800123L))).isEqualTo(1764676800123L);
		assertThat(serializer.deserialize(serializer.serialize(1800))).isEqualTo(1800);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "json" })
	void anEditedOrUnsealedNumberIsIgnored(String format, CapturedOutput output) {
		HfSessionSerializer serializer = serializer(format);
		// An app's own number, such as the id of the user's cart: 42 becomes 43.
		byte[] stored = serializer.serialize(42);
		byte[] edited = stored.clone();
		edited[edited.length - 1] = '3';

		assertThat(serializer.deserialize(edited)).isNull();
		assertThat(serializer.deserialize("I43".getBytes(StandardCharsets.US_ASCII))).isNull();
		assertThat(serializer.deserialize("L1764676800123".getBytes(StandardCharsets.US_ASCII))).isNull();
		assertThat(output).contains("fails its integrity check");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "json" })
	void anEditedSignInIsIgnored(String format) {
		HfSessionSerializer serializer = serializer(format);
		byte[] stored = serializer.serialize(signIn(SessionFixtures.ada(3)));
		// Ada becomes an admin of open-science.
		String text = new String(stored, StandardCharsets.ISO_8859_1);
		assertThat(text).contains("HF_ORG_open-science:READ");
		byte[] edited = text.replace("HF_ORG_open-science:READ", "HF_ORG_open-science:ADMN")
			.getBytes(StandardCharsets.ISO_8859_1);
		assertThat(edited).isNotEqualTo(stored);

		assertThat(serializer.deserialize(edited)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "json" })
	void aValueSealedWithAnotherKeyOrNotSealedIsIgnored(String format) {
		SecurityContext signedIn = signIn(SessionFixtures.ada(3));
		byte[] otherKey = serializer(format, "another secret".getBytes(StandardCharsets.UTF_8), List.of())
			.serialize(signedIn);
		byte[] unsealed = "jdk".equals(format) ? SessionFixtures.jdkSerialized(signedIn)
				: "{\"@class\":\"org.springframework.security.core.context.SecurityContextImpl\"}"
					.getBytes(StandardCharsets.UTF_8);

		assertThat(serializer(format).deserialize(otherKey)).isNull();
		assertThat(serializer(format).deserialize(unsealed)).isNull();
	}

	@Test
	void aSealedClassOutsideTheAllowListIsRefusedBeforeItIsCreated(CapturedOutput output) {
		HfSessionSerializer serializer = serializer("jdk");
		// A gadget chain's usual first class, sealed as if the key had leaked.
		byte[] gadget = serializer.serialize(new BadAttributeValueExpException("x"));

		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> serializer.deserialize(gadget))
			.withMessageContaining("javax.management.BadAttributeValueExpException");
		assertThat(output).contains("Refused to read a stored session holding javax.management.BadAttributeValueExpException",
				"add it (or its package, as com.example.*) to hf.oauth.session.allowed-classes");
	}

	@Test
	void anIgnoredValueIsLoggedOnceWithoutItsContent(CapturedOutput output) {
		HfSessionSerializer serializer = serializer("json");
		byte[] stored = serializer.serialize(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "a-secret-token-value"));
		stored[stored.length - 5] ^= 1;

		assertThat(serializer.deserialize(stored)).isNull();

		assertThat(output).containsOnlyOnce("fails its integrity check")
			.contains("hf.oauth.session.signing-key")
			.doesNotContain("a-secret-token-value", "a-secret-token-valuf");
	}

	@Test
	void theAppsOwnClassesAreReadOnceAllowed() {
		URI own = URI.create("https://example.com/cart");

		byte[] stored = serializer("jdk").serialize(own);

		assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> serializer("jdk").deserialize(stored))
			.withMessageContaining("java.net.URI");
		assertThat(serializer("jdk", SECRET, List.of("java.net.URI")).deserialize(stored)).isEqualTo(own);
		assertThat(serializer("jdk", SECRET, List.of("java.net.*")).deserialize(stored)).isEqualTo(own);
	}

	@Test
	void allowedClassesAreClassNamesOrPackages() {
		assertThat(HfSessionSerializer.isClassPattern("com.example.Cart")).isTrue();
		assertThat(HfSessionSerializer.isClassPattern("com.example.Cart$Item")).isTrue();
		assertThat(HfSessionSerializer.isClassPattern("com.example.*")).isTrue();
		assertThat(HfSessionSerializer.isClassPattern("com.example.**")).isTrue();
		assertThat(HfSessionSerializer.isClassPattern("*")).isFalse();
		assertThat(HfSessionSerializer.isClassPattern("!com.example.Cart")).isFalse();
		assertThat(HfSessionSerializer.isClassPattern("com.example.Cart;java.**")).isFalse();
		assertThat(HfSessionSerializer.isClassPattern("maxdepth=1000")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "json" })
	void aTokenThatIsNotOnlyTheUsersIsStoredAsItIs(String format) {
		HfSessionSerializer serializer = serializer(format);
		HfOAuth2User ada = SessionFixtures.ada(3);
		List<GrantedAuthority> fewer = new ArrayList<>(ada.getAuthorities());
		fewer.remove(0);
		SecurityContext context = new SecurityContextImpl(new OAuth2AuthenticationToken(ada, fewer, "huggingface"));

		SecurityContext read = (SecurityContext) serializer.deserialize(serializer.serialize(context));

		assertThat(new ArrayList<GrantedAuthority>(read.getAuthentication().getAuthorities())).isEqualTo(fewer);
	}

	// As Spring Security's login builds it, with a factor authority after the user's own.
	private static SecurityContext signIn(HfOAuth2User user) {
		List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY));
		OAuth2AuthenticationToken token = new OAuth2AuthenticationToken(user, authorities, "huggingface");
		token.setDetails(new WebAuthenticationDetails("127.0.0.1", "a1b2c3"));
		return new SecurityContextImpl(token);
	}

}
