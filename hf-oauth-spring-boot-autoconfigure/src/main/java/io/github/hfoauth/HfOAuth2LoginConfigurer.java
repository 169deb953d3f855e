package io.github.hfoauth;

import io.github.hfoauth.mock.HfMockLogin;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.util.Assert;

/**
 * Adds Sign in with Hugging Face to a {@code SecurityFilterChain}. The auto-configuration
 * applies it to the chain it defines; an application with its own chain opts in:
 *
 * <pre class="code">
 * &#64;Bean
 * SecurityFilterChain app(HttpSecurity http) {
 *     http.authorizeHttpRequests((requests) -&gt; requests.anyRequest().authenticated())
 *         .with(HfOAuth2LoginConfigurer.huggingFace(), Customizer.withDefaults());
 *     return http.build();
 * }
 * </pre>
 *
 * It configures Spring Security's {@code oauth2Login} with the {@code huggingface}
 * registration (or, in mock mode, the mock sign-in at the same URL), sends unauthenticated
 * browsers to {@value #LOGIN_URL}, answers failed sign-ins with a page that says what went
 * wrong, and returns users to {@code /} after logout.
 */
public final class HfOAuth2LoginConfigurer extends AbstractHttpConfigurer<HfOAuth2LoginConfigurer, HttpSecurity> {

	/** Where a sign-in with Hugging Face starts; link a "Sign in" button here. */
	public static final String LOGIN_URL = "/oauth2/authorization/huggingface";

	private String logoutSuccessUrl = "/";

	private HfOAuth2LoginConfigurer() {
	}

	/**
	 * Creates the configurer, for {@code http.with(HfOAuth2LoginConfigurer.huggingFace(), ...)}.
	 * @return a new configurer
	 */
	public static HfOAuth2LoginConfigurer huggingFace() {
		return new HfOAuth2LoginConfigurer();
	}

	/**
	 * Where users land after logout; {@code /} by default. Set it here rather than on
	 * {@code http.logout(...)}: Spring Security would otherwise send users to the login URL
	 * after logout, which signs them straight back in.
	 * @param logoutSuccessUrl a same-origin path
	 * @return this configurer
	 */
	public HfOAuth2LoginConfigurer logoutSuccessUrl(String logoutSuccessUrl) {
		Assert.isTrue(logoutSuccessUrl.startsWith("/") && !logoutSuccessUrl.startsWith("//"),
				"logoutSuccessUrl must be a same-origin path such as /");
		this.logoutSuccessUrl = logoutSuccessUrl;
		return this;
	}

	@Override
	public void init(HttpSecurity http) {
		HfLoginFailureHandler failureHandler = new HfLoginFailureHandler();
		http.logout((logout) -> logout.logoutSuccessUrl(this.logoutSuccessUrl));
		HfMockLogin mockLogin = http.getSharedObject(ApplicationContext.class)
			.getBeanProvider(HfMockLogin.class)
			.getIfAvailable();
		if (mockLogin != null) {
			mockLogin.applyTo(http, LOGIN_URL, failureHandler);
			return;
		}
		http.oauth2Login((login) -> login.loginPage(LOGIN_URL)
			.failureHandler(failureHandler)
			.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
				// Without this, a failure to start the sign-in (Hugging Face unreachable)
				// is a bare 500 from the redirect filter.
				@Override
				public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
					filter.setAuthenticationFailureHandler(failureHandler);
					return filter;
				}
			}));
	}

}
