package io.github.hfoauth.test;

import io.github.hfoauth.HfOAuth2LoginConfigurer;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOAuth2UserBuilder;
import io.github.hfoauth.HfOAuth2UserConverter;
import jakarta.servlet.ServletContext;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Signs a MockMvc request in as a Hugging Face user:
 * {@code mockMvc.perform(get("/org").with(hfLogin().username("alice").organization("acme", ADMIN)))}.
 * The user is built as a real sign-in would build it, by the application's
 * {@code HfOAuth2UserConverter} when it has one. Start with {@link #hfLogin()}.
 */
public final class HfLoginRequestPostProcessor implements RequestPostProcessor {

	private final HfOAuth2UserBuilder user;

	private HfLoginRequestPostProcessor(String username) {
		this.user = HfOAuth2User.builder(username);
	}

	/**
	 * A request post-processor for the user {@code test-user}; rename with {@link #username}.
	 * @return the post-processor
	 */
	public static HfLoginRequestPostProcessor hfLogin() {
		return new HfLoginRequestPostProcessor("test-user");
	}

	/**
	 * A request post-processor for a user.
	 * @param username the user's handle
	 * @return the post-processor
	 */
	public static HfLoginRequestPostProcessor hfLogin(String username) {
		return new HfLoginRequestPostProcessor(username);
	}

	/** @param name the display name @return this post-processor */
	public HfLoginRequestPostProcessor name(String name) {
		this.user.name(name);
		return this;
	}

	/** @param email the (verified) email address @return this post-processor */
	public HfLoginRequestPostProcessor email(String email) {
		this.user.email(email);
		return this;
	}

	/** @param pro whether the user is a Pro subscriber @return this post-processor */
	public HfLoginRequestPostProcessor pro(boolean pro) {
		this.user.pro(pro);
		return this;
	}

	/** @param scopes the granted scopes @return this post-processor */
	public HfLoginRequestPostProcessor scopes(String... scopes) {
		this.user.scopes(scopes);
		return this;
	}

	/** @param authorities authorities to add to those a sign-in gives @return this post-processor */
	public HfLoginRequestPostProcessor authorities(String... authorities) {
		this.user.authorities(authorities);
		return this;
	}

	/**
	 * Further details of the user, on the builder a sign-in would use:
	 * {@code hfLogin("alice").user((user) -> user.pro(true).email("a@b.c"))}.
	 * @param details what to set
	 * @return this post-processor
	 */
	public HfLoginRequestPostProcessor user(java.util.function.Consumer<HfOAuth2UserBuilder> details) {
		details.accept(this.user);
		return this;
	}

	/**
	 * Adds a membership.
	 * @param handle the organization's handle
	 * @param role the user's role there
	 * @return this post-processor
	 */
	public HfLoginRequestPostProcessor organization(String handle, io.github.hfoauth.HfOrganizationRole role) {
		this.user.organization(handle, role);
		return this;
	}

	@Override
	public MockHttpServletRequest postProcessRequest(MockHttpServletRequest request) {
		HfOAuth2User signedIn = this.user.build(converter(request.getServletContext()));
		OAuth2AuthenticationToken authentication = new OAuth2AuthenticationToken(signedIn, signedIn.getAuthorities(),
				HfOAuth2LoginConfigurer.REGISTRATION_ID);
		return SecurityMockMvcRequestPostProcessors.authentication(authentication).postProcessRequest(request);
	}

	private static HfOAuth2UserConverter converter(ServletContext servletContext) {
		WebApplicationContext context = WebApplicationContextUtils.getWebApplicationContext(servletContext);
		return (context != null) ? context.getBeanProvider(HfOAuth2UserConverter.class).getIfAvailable(HfOAuth2UserConverter::new)
				: new HfOAuth2UserConverter();
	}

}
