package io.github.hfoauth;

import java.lang.reflect.Method;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutFilter;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.RegisterSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

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
 * browsers to {@value HfOAuth2Registration#LOGIN_URL}, answers failed sign-ins with a page
 * that says what went wrong, and returns users to {@code /} after logout; with
 * {@link #apiPaths(String...)}, the application's API answers a JSON 401 instead. The
 * application's own {@code successHandler} or {@code defaultSuccessUrl} on {@code oauth2Login}
 * decides where a sign-in lands; this wraps it (the sign-in event, a Space frame's hand-over). It serves
 * {@code /hf-oauth/sign-in.js}, which signs the Space page's frame in through a pop-up (Hugging
 * Face's pages never run in the frame). It looks up, as Spring Security's own
 * configurers do, the beans it works with:
 * <ul>
 * <li>{@link HfSpace}, present in a Space: the Space page on huggingface.co may frame the app,
 * a sign-in from a custom domain comes back there through the {@code hf.space} host, and a frame
 * whose session the browser dropped is retried once, then sent to the app's own tab;</li>
 * <li>{@link HfTokenExpiry}: an expired Hugging Face token is refreshed, or the session stops
 * being signed in;</li>
 * <li>an {@code OAuth2AuthorizationRequestResolver}: the auto-configuration's
 * {@link HfAuthorizationRequestResolver} (attempts in the {@code state}, {@code orgIds}), or the
 * application's own;</li>
 * <li>{@link HfBearerTokenUsers}, present with {@code hf.oauth.bearer.enabled=true}: scripts may
 * call the bearer paths with a Hugging Face token ({@link HfBearerTokens}).</li>
 * </ul>
 */
public final class HfOAuth2LoginConfigurer extends AbstractHttpConfigurer<HfOAuth2LoginConfigurer, HttpSecurity> {

	// By name: the bearer token types need Spring Security's resource server module, which the
	// starter brings and an app with the autoconfigure module alone may lack.
	private static final boolean BEARER_TOKENS_SUPPORTED = ClassUtils.isPresent(
			"org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector",
			HfOAuth2LoginConfigurer.class.getClassLoader());

	private static final @Nullable Method SUCCESS_HANDLER = ReflectionUtils
		.findMethod(AbstractAuthenticationProcessingFilter.class, "getSuccessHandler");

	private String logoutSuccessUrl = "/";

	private @Nullable RequestMatcher apiPaths;

	// What the frame sign-in's filter and success handler share, decided in init (not in mock mode).
	private @Nullable HfFrameTickets<HfFrameSignIn.SignIn> frameTickets;

	private @Nullable SessionRegistry sessions;

	private @Nullable OAuth2AuthorizedClientRepository frameAuthorizedClients;

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

	/**
	 * Paths of the application's API, next to its pages: a request there that is not signed
	 * in gets 401 and {@code {"error":"unauthorized","message":...,"login":"/oauth2/authorization/huggingface"}}
	 * instead of the redirect to Hugging Face, which browsers keep on every other path. Such a
	 * request is never the page a browser returns to after signing in.
	 * @param pathPatterns path patterns such as {@code /api/**}
	 * @return this configurer
	 */
	public HfOAuth2LoginConfigurer apiPaths(String... pathPatterns) {
		Assert.notEmpty(pathPatterns, "apiPaths needs at least one path pattern, such as /api/**");
		this.apiPaths = new OrRequestMatcher(Arrays.stream(pathPatterns)
			.map(PathPatternRequestMatcher::pathPattern)
			.map(RequestMatcher.class::cast)
			.toList());
		return this;
	}

	@Override
	public void init(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		if (this.apiPaths != null) {
			answerApiPathsWith401(http, this.apiPaths);
		}
		HfSpace space = context.getBeanProvider(HfSpace.class).getIfAvailable();
		HfLoginFailureHandler failureHandler = new HfLoginFailureHandler(space, context);
		// The registry lets a sign-out say whether another tab (or the Space frame) of the same
		// user is still signed in.
		this.sessions = context.getBeanProvider(SessionRegistry.class).getIfUnique();
		if (this.sessions != null) {
			registerSessionsAtSignIn(http, this.sessions);
			HfSignOutHandler signOut = new HfSignOutHandler(this.sessions, this.logoutSuccessUrl);
			// A default only: a logout success handler of the app's own (RP-initiated logout, a
			// page of its own) still decides where a sign-out lands.
			http.logout((logout) -> logout.addLogoutHandler(signOut)
				.defaultLogoutSuccessHandlerFor(signOut, AnyRequestMatcher.INSTANCE));
		}
		else {
			http.logout((logout) -> logout.logoutSuccessUrl(this.logoutSuccessUrl));
		}
		if (space != null && !space.getFrameAncestors().isEmpty()) {
			allowFraming(http, space.getFrameAncestors());
		}
		if (BEARER_TOKENS_SUPPORTED && context.getBeanProvider(HfBearerTokenUsers.class).getIfAvailable() != null) {
			http.with(HfBearerTokens.huggingFace(), (bearerTokens) -> {
			});
		}
		HfMockLogin mockLogin = context.getBeanProvider(HfMockLogin.class).getIfAvailable();
		if (mockLogin != null) {
			// The mock user signs in at the real sign-in's URL, as the WebFlux twin does.
			http.authenticationProvider(mockLogin.provider());
			if (!mockLogin.allowsRemote()) {
				http.addFilterBefore(new MockRemoteFilter(), DisableEncodeUrlFilter.class);
			}
			http.with(new MockLoginConfigurer(HfOAuth2Registration.LOGIN_URL, failureHandler), (configurer) -> {
			});
			return;
		}
		OAuth2AuthorizationRequestResolver resolver = context.getBeanProvider(OAuth2AuthorizationRequestResolver.class)
			.getIfAvailable(() -> new HfAuthorizationRequestResolver(context.getBean(ClientRegistrationRepository.class),
					List.of()));
		OAuth2AuthorizedClientRepository authorizedClients = context
			.getBeanProvider(OAuth2AuthorizedClientRepository.class)
			.getIfUnique(HttpSessionOAuth2AuthorizedClientRepository::new);
		HfFrameTickets<HfFrameSignIn.SignIn> tickets = new HfFrameTickets<>(Clock.systemUTC());
		this.frameTickets = tickets;
		this.frameAuthorizedClients = authorizedClients;
		http.oauth2Login((login) -> login.loginPage(HfOAuth2Registration.LOGIN_URL)
			.authorizedClientRepository(authorizedClients)
			.failureHandler(failureHandler)
			.authorizationEndpoint((authorization) -> authorization.authorizationRequestResolver(resolver))
			.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
				// Without this, a failure to start the sign-in (Hugging Face unreachable)
				// is a bare 500 from the redirect filter.
				@Override
				public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
					filter.setAuthenticationFailureHandler(failureHandler);
					return filter;
				}
			})
			.withObjectPostProcessor(new ObjectPostProcessor<OAuth2LoginAuthenticationFilter>() {
				// Wraps the handler the filter ended up with, the app's own or Spring's (back to
				// the saved page): the sign-in counts, and a frame's pop-up gets its hand-over page.
				@Override
				public <O extends OAuth2LoginAuthenticationFilter> O postProcess(O filter) {
					filter.setAuthenticationSuccessHandler(new HfSignInSuccessHandler(context,
							new HfFrameSignInSuccessHandler(tickets, authorizedClients, successHandlerOf(filter))));
					return filter;
				}
			}));
	}

	// Spring Security shows a filter's success handler to subclasses only; its configurer has
	// set it (from successHandler or defaultSuccessUrl) just before post-processing the filter.
	private static AuthenticationSuccessHandler successHandlerOf(AbstractAuthenticationProcessingFilter filter) {
		Assert.state(SUCCESS_HANDLER != null, "AbstractAuthenticationProcessingFilter.getSuccessHandler() is missing");
		ReflectionUtils.makeAccessible(SUCCESS_HANDLER);
		return (AuthenticationSuccessHandler) ReflectionUtils.invokeMethod(SUCCESS_HANDLER, filter);
	}

	@Override
	public void configure(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		HfFrameSignInFilter.Redeeming redeeming = null;
		if (this.frameTickets != null && this.frameAuthorizedClients != null) {
			SecurityContextRepository contexts = http.getSharedObject(SecurityContextRepository.class);
			RequestCache requestCache = http.getSharedObject(RequestCache.class);
			RequestCache cache = (requestCache != null) ? requestCache : new HttpSessionRequestCache();
			// The session management configurer's strategy, which the CSRF configurer joins
			// (the token is replaced): the chain's own sign-ins use it. Only a chain without
			// session management lacks it; the session id changes all the same.
			SessionAuthenticationStrategy sessions = http.getSharedObject(SessionAuthenticationStrategy.class);
			redeeming = new HfFrameSignInFilter.Redeeming(this.frameTickets,
					(sessions != null) ? sessions : new ChangeSessionIdAuthenticationStrategy(),
					getSecurityContextHolderStrategy(),
					(contexts != null) ? contexts : new HttpSessionSecurityContextRepository(), this.frameAuthorizedClients,
					cache);
		}
		// After the CSRF filter (the redeeming POST needs the frame's token), before the sign-in
		// starts (a frame gets the pop-up page instead of Hugging Face's). The script is served
		// in mock mode too, so that an app's pages include it the same way everywhere.
		HfSpace space = context.getBeanProvider(HfSpace.class).getIfAvailable();
		http.addFilterAfter(postProcess(new HfFrameSignInFilter(space, redeeming)), LogoutFilter.class);
		if (space != null && redeeming != null && space.getHosts().size() > 1) {
			// A custom domain's sign-in comes back as a cross-site POST bound by its own secret.
			http.addFilterBefore(postProcess(new HfForwardedSignInFilter(space,
					context.getBean(ClientRegistrationRepository.class), redeeming)), CsrfFilter.class);
		}
		HfTokenExpiry policy = context.getBeanProvider(HfTokenExpiry.class).getIfAvailable(HfTokenExpiry::defaults);
		OAuth2AuthorizedClientRepository authorizedClients = context
			.getBeanProvider(OAuth2AuthorizedClientRepository.class)
			.getIfUnique();
		boolean mock = context.getBeanProvider(HfMockLogin.class).getIfAvailable() != null;
		if (mock || authorizedClients == null || (!policy.endSession() && !policy.refresh())) {
			return;
		}
		HfTokenExpiryFilter expiry = new HfTokenExpiryFilter(policy, authorizedClients,
				context.getBeanProvider(OAuth2AuthorizedClientManager.class).getIfUnique(),
				getSecurityContextHolderStrategy(), http.getSharedObject(SecurityContextRepository.class),
				Clock.systemUTC());
		if (this.sessions != null) {
			expiry.forgetSignOutsIn(this.sessions);
		}
		// Before the anonymous filter: a session it ends continues as anonymous, and a protected
		// page then sends the user through sign-in, saving the request to come back to.
		http.addFilterBefore(postProcess(expiry), AnonymousAuthenticationFilter.class);
	}

	// The session management configurer's init, earlier than this one, has shared the chain's
	// strategy; the sign-in filters read it later. Spring Security's own registering strategy
	// joins it, without the session limit that would come with maximumSessions.
	private static void registerSessionsAtSignIn(HttpSecurity http, SessionRegistry sessions) {
		SessionAuthenticationStrategy strategy = http.getSharedObject(SessionAuthenticationStrategy.class);
		SessionAuthenticationStrategy registering = new RegisterSessionAuthenticationStrategy(sessions);
		http.setSharedObject(SessionAuthenticationStrategy.class, (strategy != null)
				? new CompositeSessionAuthenticationStrategy(List.of(strategy, registering)) : registering);
	}

	// Registered before the sign-in's entry point (for pages: browsers' Accept headers), so it
	// wins for the API whatever a request accepts, and answers what no page entry point takes.
	private static void answerApiPathsWith401(HttpSecurity http, RequestMatcher api) {
		http.exceptionHandling(
				(exceptions) -> exceptions.defaultAuthenticationEntryPointFor(new HfApiAuthenticationEntryPoint(), api));
		// The request cache configurer's init, earlier than this one, has shared the chain's
		// cache; the exception handling reads it later, when it saves the request to return to.
		RequestCache requestCache = http.getSharedObject(RequestCache.class);
		http.setSharedObject(RequestCache.class, new BrowserOnlyRequestCache(
				(requestCache != null) ? requestCache : new HttpSessionRequestCache(), api));
	}

	// The Space page shows the app in an iframe; X-Frame-Options cannot name an origin, so a
	// Content-Security-Policy of its own replaces it (browsers enforce it beside the app's).
	private static void allowFraming(HttpSecurity http, List<String> ancestors) {
		http.headers((headers) -> headers.frameOptions((frameOptions) -> frameOptions.disable())
			.addHeaderWriter(new StaticHeadersWriter("Content-Security-Policy",
					"frame-ancestors 'self' " + String.join(" ", ancestors))));
	}

}
