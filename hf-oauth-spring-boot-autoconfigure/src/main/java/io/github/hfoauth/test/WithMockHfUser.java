package io.github.hfoauth.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.hfoauth.HfOrganizationRole;

import org.springframework.security.test.context.support.WithSecurityContext;

/**
 * Runs a test as a user signed in with Hugging Face: the same {@code HfOAuth2User}, with the
 * same authorities (organizations and roles included), that a real sign-in with this userinfo
 * gives, built by the application's own {@code HfOAuth2UserConverter} when it has one.
 *
 * <pre class="code">
 * &#64;Test
 * &#64;WithMockHfUser(username = "alice", organizations = &#64;WithMockHfUser.Organization(name = "acme", role = HfOrganizationRole.ADMIN))
 * void adminsSeeTheAdminPage() { ... }
 * </pre>
 *
 * On a test class it applies to every test method. With {@link #token()}, the app's calls to
 * Hugging Face as the user go out with that token, to a stub server in the test.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@WithSecurityContext(factory = WithMockHfUserSecurityContextFactory.class)
public @interface WithMockHfUser {

	/** @return the user's handle */
	String username() default "test-user";

	/** @return the display name; empty for the handle */
	String name() default "";

	/** @return the email address; empty for none */
	String email() default "";

	/** @return the user's sub; empty to derive it from the handle */
	String sub() default "";

	/** @return whether the user is a Pro subscriber */
	boolean pro() default false;

	/** @return the user's organizations */
	Organization[] organizations() default {};

	/** @return the granted scopes */
	String[] scopes() default { "openid", "profile" };

	/** @return authorities to add to those a sign-in gives */
	String[] authorities() default {};

	/**
	 * The Hugging Face access token the user holds, so that the app's API clients
	 * ({@code HfApiClient}, {@code HfReactiveApiClient}, {@code @HttpExchange} interfaces of
	 * the group {@code huggingface}) call with it, at {@code hf.api.hub-url} (a stub server
	 * such as WireMock in a test).
	 * @return the token, such as {@code hf_test}; empty for none (calls then answer
	 * {@code SIGN_IN_AGAIN}, or in mock mode use the mock token, if any)
	 */
	String token() default "";

	/**
	 * A membership of the user.
	 */
	@Target({})
	@Retention(RetentionPolicy.RUNTIME)
	@interface Organization {

		/** @return the organization's handle */
		String name();

		/** @return the user's role there */
		HfOrganizationRole role() default HfOrganizationRole.READ;

		/** @return the organization's plan; empty for none */
		String plan() default "";

	}

}
