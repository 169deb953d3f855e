package io.github.hfoauth;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;

/**
 * The authorities a signed-in Hugging Face user gets besides Spring Security's usual
 * {@code OIDC_USER} and {@code SCOPE_*}. The default, {@link HfOrganizationAuthorities}, maps
 * organizations, roles and Pro; declare a bean of this type to replace it, or to extend it:
 *
 * <pre class="code">
 * &#64;Bean
 * HfAuthoritiesMapper authorities() {
 *     HfOrganizationAuthorities organizations = new HfOrganizationAuthorities();
 *     return (user) -&gt; {
 *         List&lt;GrantedAuthority&gt; authorities = new ArrayList&lt;&gt;(organizations.authorities(user));
 *         if (user.hasRoleIn("acme", HfOrganizationRole.ADMIN)) {
 *             authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
 *         }
 *         return authorities;
 *     };
 * }
 * </pre>
 */
@FunctionalInterface
public interface HfAuthoritiesMapper {

	/**
	 * The authorities of a user.
	 * @param user the user as Hugging Face describes them (its authorities are Spring
	 * Security's usual ones only)
	 * @return the authorities to add
	 */
	Collection<? extends GrantedAuthority> authorities(HfOAuth2User user);

}
