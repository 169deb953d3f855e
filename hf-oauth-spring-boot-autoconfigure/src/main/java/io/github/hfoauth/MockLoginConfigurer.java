package io.github.hfoauth;

import java.util.Set;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;

/**
 * Puts the mock sign-in where the real one would be: the same login URL, the same entry
 * point for browsers, the same session and saved-request handling.
 */
final class MockLoginConfigurer extends AbstractHttpConfigurer<MockLoginConfigurer, HttpSecurity> {

	private final String loginUrl;

	private final AuthenticationFailureHandler failureHandler;

	MockLoginConfigurer(String loginUrl, AuthenticationFailureHandler failureHandler) {
		this.loginUrl = loginUrl;
		this.failureHandler = failureHandler;
	}

	@Override
	public void init(HttpSecurity http) {
		http.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
				new LoginUrlAuthenticationEntryPoint(this.loginUrl), browserRequests(http)));
	}

	// The requests oauth2Login sends to its login page (AbstractAuthenticationFilterConfigurer's
	// matcher): mock and real sign-in must answer an API client the same way.
	private static RequestMatcher browserRequests(HttpSecurity http) {
		ContentNegotiationStrategy contentNegotiation = http.getSharedObject(ContentNegotiationStrategy.class);
		MediaTypeRequestMatcher pages = new MediaTypeRequestMatcher(
				(contentNegotiation != null) ? contentNegotiation : new HeaderContentNegotiationStrategy(),
				MediaType.APPLICATION_XHTML_XML, new MediaType("image", "*"), MediaType.TEXT_HTML, MediaType.TEXT_PLAIN);
		pages.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		RequestMatcher notAjax = new NegatedRequestMatcher(
				new RequestHeaderRequestMatcher("X-Requested-With", "XMLHttpRequest"));
		return new AndRequestMatcher(notAjax, pages);
	}

	@Override
	public void configure(HttpSecurity http) {
		MockLoginFilter filter = new MockLoginFilter(
				PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, this.loginUrl));
		filter.setAuthenticationManager(http.getSharedObject(AuthenticationManager.class));
		filter.setSecurityContextHolderStrategy(getSecurityContextHolderStrategy());
		SessionAuthenticationStrategy sessionStrategy = http.getSharedObject(SessionAuthenticationStrategy.class);
		if (sessionStrategy != null) {
			filter.setSessionAuthenticationStrategy(sessionStrategy);
		}
		SecurityContextRepository contextRepository = http.getSharedObject(SecurityContextRepository.class);
		if (contextRepository != null) {
			filter.setSecurityContextRepository(contextRepository);
		}
		SavedRequestAwareAuthenticationSuccessHandler successHandler = new SavedRequestAwareAuthenticationSuccessHandler();
		RequestCache requestCache = http.getSharedObject(RequestCache.class);
		if (requestCache != null) {
			successHandler.setRequestCache(requestCache);
		}
		filter.setAuthenticationSuccessHandler(
				new HfSignInSuccessHandler(http.getSharedObject(ApplicationContext.class), successHandler));
		filter.setAuthenticationFailureHandler(this.failureHandler);
		http.addFilterAt(postProcess(filter), OAuth2AuthorizationRequestRedirectFilter.class);
	}

}
