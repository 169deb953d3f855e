package io.github.hfoauth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserSource;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Builds the {@link HfOAuth2User} of a sign-in: the one place where a validated ID token and
 * Hugging Face's userinfo become the principal and its authorities. The auto-configuration
 * sets it on Spring Security's {@code OidcUserService}
 * ({@link org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService#setOidcUserConverter});
 * an application that writes its own user service can reuse it there too.
 * <p>
 * Authorities are Spring Security's usual ones for OpenID Connect ({@code OIDC_USER} and
 * {@code SCOPE_<scope>} for each granted scope) plus those of an {@link HfAuthoritiesMapper}
 * (by default {@link HfOrganizationAuthorities}). With an {@link HfOrganizationGate}, a user it
 * does not admit is refused here, before any session holds them.
 */
public final class HfOAuth2UserConverter implements Converter<OidcUserSource, OidcUser> {

	/** The authority of every user signed in with OpenID Connect, as Spring Security names it. */
	static final String OIDC_USER = "OIDC_USER";

	private final HfAuthoritiesMapper authoritiesMapper;

	private final @Nullable HfOrganizationGate gate;

	/**
	 * A converter with the default authorities and no organization gate.
	 */
	public HfOAuth2UserConverter() {
		this(new HfOrganizationAuthorities(), null);
	}

	/**
	 * A converter with the given authorities and gate.
	 * @param authoritiesMapper the authorities besides Spring Security's usual ones
	 * @param gate the organizations a user must belong to, or {@code null} to let everyone in
	 */
	public HfOAuth2UserConverter(HfAuthoritiesMapper authoritiesMapper, @Nullable HfOrganizationGate gate) {
		this.authoritiesMapper = authoritiesMapper;
		this.gate = gate;
	}

	@Override
	public HfOAuth2User convert(OidcUserSource source) {
		return convert(source.getUserRequest().getIdToken(), source.getUserInfo(),
				source.getUserRequest().getAccessToken().getScopes());
	}

	/**
	 * Builds the principal from its parts.
	 * @param idToken the validated ID token
	 * @param userInfo the userinfo claims, or {@code null} if userinfo was not called
	 * @param grantedScopes the scopes of the access token
	 * @return the principal
	 */
	public HfOAuth2User convert(OidcIdToken idToken, @Nullable OidcUserInfo userInfo,
			Collection<String> grantedScopes) {
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		// Spring's OidcUserAuthority would carry the ID token and userinfo a second time in
		// every session, and in JSON sessions twice more: the authority alone is what rules check.
		authorities.add(new SimpleGrantedAuthority(OIDC_USER));
		for (String scope : grantedScopes) {
			authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope));
		}
		// Claims and organizations are parsed here once; the gate refuses before any mapper runs.
		HfOAuth2User user = new HfOAuth2User(authorities, idToken, userInfo);
		if (this.gate != null) {
			this.gate.check(user);
		}
		authorities.addAll(this.authoritiesMapper.authorities(user));
		return user.withAuthorities(authorities);
	}

}
