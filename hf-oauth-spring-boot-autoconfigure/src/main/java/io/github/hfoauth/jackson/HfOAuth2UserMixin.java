package io.github.hfoauth.jackson;

import java.util.Collection;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;

/**
 * {@link io.github.hfoauth.HfOAuth2User} as JSON: only what it is built from (the
 * authorities by name, the ID token, as its JWT alone when it can be, and userinfo), read back
 * through its public constructor, which derives the rest (handle, organizations, Pro) exactly
 * as at sign-in. Compatibility follows the rule in {@code io.github.hfoauth.StoredUser}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
@JsonAutoDetect(fieldVisibility = Visibility.NONE, getterVisibility = Visibility.NONE,
		isGetterVisibility = Visibility.NONE)
@JsonIncludeProperties({ "authorities", "idToken", "userInfo" })
@JsonPropertyOrder({ "authorities", "idToken", "userInfo" })
abstract class HfOAuth2UserMixin {

	// Read through the getters: the user keeps the ID token and userinfo as their parts.
	@JsonProperty("authorities")
	@JsonSerialize(converter = AuthorityNames.Write.class)
	abstract Collection<? extends GrantedAuthority> getAuthorities();

	@JsonProperty("idToken")
	@JsonSerialize(converter = IdTokenJwt.Write.class)
	abstract OidcIdToken getIdToken();

	@JsonProperty("userInfo")
	abstract OidcUserInfo getUserInfo();

	@JsonCreator
	HfOAuth2UserMixin(
			@JsonProperty("authorities") @JsonDeserialize(converter = AuthorityNames.Read.class) Collection<? extends GrantedAuthority> authorities,
			@JsonProperty("idToken") @JsonDeserialize(using = IdTokenJwt.Read.class) OidcIdToken idToken, @JsonProperty("userInfo") OidcUserInfo userInfo) {
	}

}
