package io.github.hfoauth;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What the starter reflects on or serializes, for Spring AOT and native images (registered in
 * {@code META-INF/spring/aot.factories}): the principal and its organizations, Java-serialized
 * into sessions; the stored forms of a sign-in and its tokens; the Jackson mix-ins and
 * converters of the JSON session form, which Jackson reads by reflection; the success handler of
 * Spring Security's servlet sign-in filter, which the servlet configurer wraps. The starter serves no
 * resource or template of its own: its pages are written in code.
 */
class HfRuntimeHints implements RuntimeHintsRegistrar {

	// By name: package-private types of the session and JSON packages.
	static final List<String> SERIALIZED = List.of("io.github.hfoauth.HfOAuth2User", "io.github.hfoauth.HfOrganization",
			"io.github.hfoauth.StoredUser", "io.github.hfoauth.CompactClaims", "io.github.hfoauth.session.StoredSignIn",
			"io.github.hfoauth.session.HfSessionAuthorizedClientRepository$Tokens",
			"io.github.hfoauth.session.HfSessionAuthorizedClientRepository$CompactTokens",
			// What those hold, and Spring Security's types around them in a session.
			"org.springframework.security.oauth2.core.oidc.OidcIdToken",
			"org.springframework.security.oauth2.core.oidc.OidcUserInfo",
			"org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken",
			"org.springframework.security.core.context.SecurityContextImpl",
			"org.springframework.security.core.authority.SimpleGrantedAuthority",
			"org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority",
			"org.springframework.security.oauth2.core.user.OAuth2UserAuthority",
			"org.springframework.security.web.authentication.WebAuthenticationDetails", "java.util.ArrayList",
			"java.util.LinkedHashMap", "java.util.HashMap", "java.util.LinkedHashSet", "java.util.HashSet",
			"java.util.Collections$UnmodifiableSet", "java.util.Collections$UnmodifiableRandomAccessList",
			"java.util.Collections$UnmodifiableMap", "java.util.CollSer", "java.time.Instant", "java.time.Ser",
			"java.lang.Boolean", "java.lang.Long", "java.lang.Integer", "java.lang.Number", "java.lang.String");

	static final List<String> JSON_REFLECTED = List.of("io.github.hfoauth.jackson.HfOAuth2UserMixin",
			"io.github.hfoauth.jackson.IdTokenJwt$Write", "io.github.hfoauth.jackson.IdTokenJwt$Read",
			"io.github.hfoauth.session.StoredSignIn", "io.github.hfoauth.HfOAuth2User",
			"io.github.hfoauth.session.HfSessionAuthorizedClientRepository$Tokens");

	// HfOAuth2LoginConfigurer wraps the success handler a servlet sign-in filter ended up with.
	static final String SIGN_IN_FILTER = "org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		for (String type : SERIALIZED) {
			hints.serialization().registerType(TypeReference.of(type));
		}
		for (String type : JSON_REFLECTED) {
			hints.reflection()
				.registerType(TypeReference.of(type), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
						MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS);
		}
		hints.reflection()
			.registerType(TypeReference.of(SIGN_IN_FILTER),
					(type) -> type.withMethod("getSuccessHandler", List.of(), ExecutableMode.INVOKE));
	}

}
