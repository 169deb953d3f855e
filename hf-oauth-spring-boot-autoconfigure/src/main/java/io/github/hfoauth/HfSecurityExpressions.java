package io.github.hfoauth;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * The {@code @hf} bean, for SpEL in {@code @PreAuthorize} and in templates:
 * {@code @PreAuthorize("@hf.memberOf('acme')")},
 * {@code @PreAuthorize("@hf.hasRoleIn('acme', 'write')")}, {@code @PreAuthorize("@hf.pro()")}.
 * Organizations are named by handle (any case) or sub; anyone who is not signed in with
 * Hugging Face is denied.
 */
public final class HfSecurityExpressions {

	private final SecurityContextHolderStrategy securityContextHolderStrategy;

	/**
	 * Reads the signed-in user from the {@link SecurityContextHolder}'s strategy.
	 */
	public HfSecurityExpressions() {
		this(SecurityContextHolder.getContextHolderStrategy());
	}

	/**
	 * Reads the signed-in user from the given strategy.
	 * @param securityContextHolderStrategy where the signed-in user is
	 */
	public HfSecurityExpressions(SecurityContextHolderStrategy securityContextHolderStrategy) {
		this.securityContextHolderStrategy = securityContextHolderStrategy;
	}

	/**
	 * Whether the signed-in user is a member of an organization.
	 * @param orgHandleOrSub the organization
	 * @return {@code true} for a member
	 */
	public boolean memberOf(String orgHandleOrSub) {
		return memberOf(authentication(), orgHandleOrSub);
	}

	/**
	 * Whether a user is a member of an organization; for WebFlux, where the signed-in user is
	 * not in a thread-bound context: {@code @PreAuthorize("@hf.memberOf(authentication, 'acme')")}.
	 * @param authentication the user's authentication
	 * @param orgHandleOrSub the organization
	 * @return {@code true} for a member
	 */
	public boolean memberOf(@Nullable Authentication authentication, String orgHandleOrSub) {
		return HfAuthorization.test(authentication, (user) -> user.isMemberOf(orgHandleOrSub));
	}

	/**
	 * Whether the signed-in user holds at least a role in an organization.
	 * @param orgHandleOrSub the organization
	 * @param role {@code admin}, {@code write}, {@code contributor} or {@code read}
	 * @return {@code true} for a member with that role or above
	 * @throws IllegalArgumentException for a role that does not exist, so that a typo in an
	 * annotation fails loudly instead of denying everyone
	 */
	public boolean hasRoleIn(String orgHandleOrSub, String role) {
		return hasRoleIn(authentication(), orgHandleOrSub, role);
	}

	/**
	 * Whether a user holds at least a role in an organization; for WebFlux:
	 * {@code @PreAuthorize("@hf.hasRoleIn(authentication, 'acme', 'write')")}.
	 * @param authentication the user's authentication
	 * @param orgHandleOrSub the organization
	 * @param role {@code admin}, {@code write}, {@code contributor} or {@code read}
	 * @return {@code true} for a member with that role or above
	 * @throws IllegalArgumentException for a role that does not exist
	 */
	public boolean hasRoleIn(@Nullable Authentication authentication, String orgHandleOrSub, String role) {
		HfOrganizationRole least = HfOrganizationRole.fromValue(role)
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown organization role '" + role + "': use admin, write, contributor or read"));
		return HfAuthorization.test(authentication, (user) -> user.hasRoleIn(orgHandleOrSub, least));
	}

	/**
	 * Whether the signed-in user is a Pro subscriber.
	 * @return {@code true} for Pro
	 */
	public boolean pro() {
		return pro(authentication());
	}

	/**
	 * Whether a user is a Pro subscriber; for WebFlux: {@code @PreAuthorize("@hf.pro(authentication)")}.
	 * @param authentication the user's authentication
	 * @return {@code true} for Pro
	 */
	public boolean pro(@Nullable Authentication authentication) {
		return HfAuthorization.test(authentication, HfOAuth2User::isPro);
	}

	private @Nullable Authentication authentication() {
		return this.securityContextHolderStrategy.getContext().getAuthentication();
	}

}
