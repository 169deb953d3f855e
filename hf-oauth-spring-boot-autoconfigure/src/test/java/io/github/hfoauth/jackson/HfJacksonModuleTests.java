package io.github.hfoauth.jackson;

import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.HfMockLogin;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOAuth2UserConverter;
import io.github.hfoauth.HfOrganizationRole;
import io.github.hfoauth.SessionFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A signed-in session written as JSON by Spring Security's Jackson support reads back as the
 * same user, with nothing for the application to register but the starter's modules.
 */
class HfJacksonModuleTests {

	private final ClassLoader loader = getClass().getClassLoader();

	private final JsonMapper mapper = JsonMapper.builder().addModules(HfJacksonModules.getModules(this.loader)).build();

	@Test
	void aSignedInSecurityContextReadsBackAsTheSameUser() {
		HfOAuth2User ada = SessionFixtures.ada(3);
		SecurityContext context = new SecurityContextImpl(
				new OAuth2AuthenticationToken(ada, ada.getAuthorities(), "huggingface"));

		String json = this.mapper.writeValueAsString(context);
		SecurityContext read = (SecurityContext) this.mapper.readValue(json, Object.class);

		OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) read.getAuthentication();
		assertThat(token.getAuthorizedClientRegistrationId()).isEqualTo("huggingface");
		assertThat(token.isAuthenticated()).isTrue();
		assertThat(AuthorityUtils.authorityListToSet(token.getAuthorities()))
			.isEqualTo(AuthorityUtils.authorityListToSet(ada.getAuthorities()))
			.contains("HF_ORG_acme:ADMIN", "HF_ORG_team-2:WRITE", "HF_PRO", "SCOPE_read-memberships");
		HfOAuth2User user = (HfOAuth2User) token.getPrincipal();
		SessionFixtures.assertSameUser(user, ada);
	}

	@Test
	void theMockUserAndTestUsersReadBackToo() {
		HfOAuth2User built = HfOAuth2User.builder("eve").organization("acme", HfOrganizationRole.WRITE).build();

		HfOAuth2User read = (HfOAuth2User) this.mapper.readValue(this.mapper.writeValueAsString(built), Object.class);

		SessionFixtures.assertSameUser(read, built);
	}

	@Test
	void aMockSignInReadsBackFromJavaAndJson() {
		HfMockLogin mock = new HfMockLogin(
				HfOAuth2User.builder("mock-user").organization("mock-org", HfOrganizationRole.ADMIN).userInfo(),
				List.of("openid", "profile"), new HfOAuth2UserConverter());
		OAuth2AuthenticationToken signIn = (OAuth2AuthenticationToken) mock.authenticate(null);
		SecurityContext context = new SecurityContextImpl(signIn);
		HfOAuth2User mockUser = (HfOAuth2User) signIn.getPrincipal();

		Object fromJson = this.mapper.readValue(this.mapper.writeValueAsString(context), Object.class);
		Object fromJava = SessionFixtures.jdkDeserialized(SessionFixtures.jdkSerialized(context));

		for (Object read : List.of(fromJson, fromJava)) {
			Object principal = ((SecurityContext) read).getAuthentication().getPrincipal();
			SessionFixtures.assertSameUser((HfOAuth2User) principal, mockUser);
			assertThat(((HfOAuth2User) principal).hasRoleIn("mock-org", HfOrganizationRole.ADMIN)).isTrue();
		}
	}

	@Test
	void springSecurityAloneRefusesTheStartersTypes() {
		JsonMapper securityOnly = JsonMapper.builder().addModules(SecurityJacksonModules.getModules(this.loader)).build();
		String json = this.mapper.writeValueAsString(SessionFixtures.ada(3));

		assertThatException().isThrownBy(() -> securityOnly.readValue(json, Object.class))
			.withMessageContaining("io.github.hfoauth.HfOAuth2User");
	}

	@Test
	void anApplicationAddsItsOwnTypesToTheSameAllowList() {
		BasicPolymorphicTypeValidator.Builder ownTypes = BasicPolymorphicTypeValidator.builder()
			.allowIfSubType(Cart.class);
		JsonMapper withOwnTypes = JsonMapper.builder().addModules(HfJacksonModules.getModules(this.loader, ownTypes))
			.build();

		Cart cart = new Cart();
		cart.items = List.of("a book");

		Object readCart = withOwnTypes.readValue(withOwnTypes.writeValueAsString(cart), Object.class);
		Object user = withOwnTypes.readValue(withOwnTypes.writeValueAsString(SessionFixtures.ada(3)), Object.class);

		assertThat(readCart).isInstanceOfSatisfying(Cart.class, (read) -> assertThat(read.items).containsExactly("a book"));
		assertThat(user).isInstanceOf(HfOAuth2User.class);
	}

	@Test
	void aUrlIsNotOnTheAllowList() {
		// java.net.URL resolves its host when hashed (the URLDNS gadget): no session needs one.
		assertThatException().isThrownBy(() -> this.mapper.readValue("[\"java.net.URL\",\"http://example.com\"]",
				Object.class))
			.withMessageContaining("java.net.URL");
	}

	@Test
	void anIdTokenIsItsJwtAloneWhenItsClaimsReadBackFromIt() {
		HfOAuth2User ada = SessionFixtures.adaSignedIn();

		String json = this.mapper.writeValueAsString(ada);
		HfOAuth2User read = (HfOAuth2User) this.mapper.readValue(json, Object.class);

		assertThat(json).contains("\"idToken\":\"eyJ").doesNotContain("n-0S6_WzA2Mj", "auth_time", "java.net.URL");
		assertThat(read.getIdToken().getClaims()).isEqualTo(ada.getIdToken().getClaims());
		SessionFixtures.assertSameUser(read, ada);
	}

	@Test
	void anIdTokenWhoseClaimsTheJwtDoesNotGiveKeepsThemWithItsIssuerAsText() throws Exception {
		HfOAuth2User ada = SessionFixtures.ada(3);
		OidcIdToken token = ada.getIdToken();
		Map<String, Object> claims = new LinkedHashMap<>(token.getClaims());
		claims.put("iss", new URL("https://huggingface.co"));
		HfOAuth2User withUrl = new HfOAuth2User(ada.getAuthorities(),
				new OidcIdToken(token.getTokenValue(), token.getIssuedAt(), token.getExpiresAt(), claims), ada.getUserInfo());

		HfOAuth2User read = (HfOAuth2User) this.mapper.readValue(this.mapper.writeValueAsString(withUrl), Object.class);

		assertThat(read.getIdToken().getIssuer()).isEqualTo(new URL("https://huggingface.co"));
		assertThat(read.getIdToken().getClaims()).containsEntry("iss", "https://huggingface.co")
			.containsEntry("nonce", "n-0S6_WzA2Mj");
		assertThat(read.getUsername()).isEqualTo("ada");
	}

	// An application's own session attribute (not final, so that JSON names its type).
	static class Cart {

		public List<String> items;

	}

}
