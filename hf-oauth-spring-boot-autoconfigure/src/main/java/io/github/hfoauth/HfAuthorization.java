package io.github.hfoauth;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;

/**
 * Authorization rules on the signed-in Hugging Face user, for URL and method security:
 *
 * <pre class="code">
 * http.authorizeHttpRequests((requests) -&gt; requests
 *     .requestMatchers("/admin/**").access(HfAuthorization.hasRoleIn("acme", HfOrganizationRole.ADMIN))
 *     .requestMatchers("/team/**").access(HfAuthorization.memberOf("acme")));
 * </pre>
 *
 * Organizations are named by handle (any case) or sub. In {@code @PreAuthorize}, the
 * {@code @hf} bean says the same: {@code @PreAuthorize("@hf.hasRoleIn('acme', 'write')")}.
 * Anyone who is not signed in with Hugging Face is denied.
 */
public final class HfAuthorization {

	private HfAuthorization() {
	}

	/**
	 * Grants members of an organization.
	 * @param <T> what is authorized (a request, a method invocation)
	 * @param orgHandleOrSub the organization
	 * @return the rule
	 */
	public static <T> AuthorizationManager<T> memberOf(String orgHandleOrSub) {
		return forUser((user) -> user.isMemberOf(orgHandleOrSub));
	}

	/**
	 * Grants members holding at least a role in an organization.
	 * @param <T> what is authorized
	 * @param orgHandleOrSub the organization
	 * @param role the least role
	 * @return the rule
	 */
	public static <T> AuthorizationManager<T> hasRoleIn(String orgHandleOrSub, HfOrganizationRole role) {
		return forUser((user) -> user.hasRoleIn(orgHandleOrSub, role));
	}

	/**
	 * Grants Pro subscribers.
	 * @param <T> what is authorized
	 * @return the rule
	 */
	public static <T> AuthorizationManager<T> pro() {
		return forUser(HfOAuth2User::isPro);
	}

	static boolean test(@Nullable Authentication authentication, Predicate<HfOAuth2User> rule) {
		return authentication != null && authentication.isAuthenticated()
				&& authentication.getPrincipal() instanceof HfOAuth2User user && rule.test(user);
	}

	private static <T> AuthorizationManager<T> forUser(Predicate<HfOAuth2User> rule) {
		return (authentication, object) -> new AuthorizationDecision(test(authentication.get(), rule));
	}

}
