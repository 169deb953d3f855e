package io.github.hfoauth;

import java.util.function.Predicate;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;

/**
 * The rules of {@link HfAuthorization} for WebFlux's URL security:
 *
 * <pre class="code">
 * http.authorizeExchange((exchanges) -&gt; exchanges
 *     .pathMatchers("/admin/**").access(HfServerAuthorization.hasRoleIn("acme", HfOrganizationRole.ADMIN))
 *     .pathMatchers("/team/**").access(HfServerAuthorization.memberOf("acme")));
 * </pre>
 *
 * Organizations are named by handle (any case) or sub. Anyone who is not signed in with
 * Hugging Face is denied.
 */
public final class HfServerAuthorization {

	private HfServerAuthorization() {
	}

	/**
	 * Grants members of an organization.
	 * @param <T> what is authorized (an exchange, a method invocation)
	 * @param orgHandleOrSub the organization
	 * @return the rule
	 */
	public static <T> ReactiveAuthorizationManager<T> memberOf(String orgHandleOrSub) {
		return forUser((user) -> user.isMemberOf(orgHandleOrSub));
	}

	/**
	 * Grants members holding at least a role in an organization.
	 * @param <T> what is authorized
	 * @param orgHandleOrSub the organization
	 * @param role the least role
	 * @return the rule
	 */
	public static <T> ReactiveAuthorizationManager<T> hasRoleIn(String orgHandleOrSub, HfOrganizationRole role) {
		return forUser((user) -> user.hasRoleIn(orgHandleOrSub, role));
	}

	/**
	 * Grants Pro subscribers.
	 * @param <T> what is authorized
	 * @return the rule
	 */
	public static <T> ReactiveAuthorizationManager<T> pro() {
		return forUser(HfOAuth2User::isPro);
	}

	private static <T> ReactiveAuthorizationManager<T> forUser(Predicate<HfOAuth2User> rule) {
		return (authentication, object) -> authentication
			.<AuthorizationResult>map((signedIn) -> new AuthorizationDecision(HfAuthorization.test(signedIn, rule)))
			.defaultIfEmpty(new AuthorizationDecision(false));
	}

}
