package io.github.hfoauth.bench.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.bench.pages.Me;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Spring's user service plus Hugging Face's organizations as authorities, the way a user
 * writes it without the starter: {@code HF_ORG_<handle>} and {@code HF_ORG_<handle>:<ROLE>}.
 */
class HfOidcUserService extends OidcUserService {

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = super.loadUser(request);
		List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
		for (Map<String, Object> org : Me.organizations(user.getClaims())) {
			String handle = String.valueOf(org.get("preferred_username"));
			authorities.add(new SimpleGrantedAuthority("HF_ORG_" + handle));
			if (org.get("roleInOrg") instanceof String role) {
				authorities.add(new SimpleGrantedAuthority("HF_ORG_" + handle + ":" + role.toUpperCase()));
			}
		}
		return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "sub");
	}

}
