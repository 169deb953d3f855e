package io.github.hfoauth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Authorities from a user's organizations, roles and plan, named to read well in
 * {@code hasAuthority(...)} and {@code @PreAuthorize}:
 * <ul>
 * <li>{@code HF_ORG_acme}: a member of the organization {@code acme} (its handle, as in
 * huggingface.co/acme);</li>
 * <li>{@code HF_ORG_acme:WRITE}: at least the {@code write} role in {@code acme}. A role
 * implies the lower ones ({@code ADMIN > WRITE > CONTRIBUTOR > READ}), so an admin has all four
 * and "at least write" is one check. The colon cannot occur in a handle, so no organization's
 * name can spell another's role;</li>
 * <li>{@code HF_PRO}: a Pro subscriber.</li>
 * </ul>
 */
public final class HfOrganizationAuthorities implements HfAuthoritiesMapper {

	/** The authority of Pro subscribers. */
	public static final String PRO = "HF_PRO";

	/** The prefix of organization authorities. */
	public static final String ORGANIZATION_PREFIX = "HF_ORG_";

	/**
	 * The authority of the members of an organization.
	 * @param orgHandle the organization's handle, such as {@code acme}
	 * @return {@code HF_ORG_<handle>}
	 */
	public static String member(String orgHandle) {
		return ORGANIZATION_PREFIX + orgHandle;
	}

	/**
	 * The authority of the members holding at least a role in an organization.
	 * @param orgHandle the organization's handle, such as {@code acme}
	 * @param role the least role
	 * @return {@code HF_ORG_<handle>:<ROLE>}
	 */
	public static String role(String orgHandle, HfOrganizationRole role) {
		return ORGANIZATION_PREFIX + orgHandle + ":" + role.name();
	}

	@Override
	public Collection<? extends GrantedAuthority> authorities(HfOAuth2User user) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		if (user.isPro()) {
			authorities.add(new SimpleGrantedAuthority(PRO));
		}
		for (HfOrganization organization : user.getOrganizations()) {
			String handle = organization.getUsername();
			if (handle == null) {
				continue;
			}
			authorities.add(new SimpleGrantedAuthority(member(handle)));
			organization.getRole().ifPresent((held) -> {
				for (HfOrganizationRole role : HfOrganizationRole.values()) {
					if (held.isAtLeast(role)) {
						authorities.add(new SimpleGrantedAuthority(role(handle, role)));
					}
				}
			});
		}
		return authorities;
	}

}
