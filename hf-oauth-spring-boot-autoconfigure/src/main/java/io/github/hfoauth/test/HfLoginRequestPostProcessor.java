package io.github.hfoauth.test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Signs a MockMvc request in as a Hugging Face user:
 * {@code mockMvc.perform(get("/org").with(hfLogin("alice").organization("acme", ADMIN)))}.
 * The user is built as a real sign-in would build it, by the application's
 * {@code HfOAuth2UserConverter} when it has one. Start with {@link #hfLogin()}.
 */
public final class HfLoginRequestPostProcessor extends HfTestLogin<HfLoginRequestPostProcessor>
		implements RequestPostProcessor {

	private HfLoginRequestPostProcessor(String username) {
		super(username);
	}

	/**
	 * A request post-processor for the user {@code test-user}; rename with {@link #hfLogin(String)}.
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

	@Override
	public MockHttpServletRequest postProcessRequest(MockHttpServletRequest request) {
		WebApplicationContext context = WebApplicationContextUtils.getWebApplicationContext(request.getServletContext());
		return SecurityMockMvcRequestPostProcessors.authentication(authentication(context)).postProcessRequest(request);
	}

}
