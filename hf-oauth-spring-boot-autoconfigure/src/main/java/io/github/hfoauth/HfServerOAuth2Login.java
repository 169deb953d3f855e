package io.github.hfoauth;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerAdapter;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.session.ReactiveSessionRegistry;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.DelegatingServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Adds Sign in with Hugging Face to a WebFlux {@code SecurityWebFilterChain}: the twin of
 * {@link HfOAuth2LoginConfigurer} for reactive apps. The reactive auto-configuration declares
 * it as a bean and applies it to the chain it defines; an application with its own chain
 * injects it and opts in:
 *
 * <pre class="code">
 * &#64;Bean
 * SecurityWebFilterChain app(ServerHttpSecurity http, HfServerOAuth2Login huggingFace) {
 *     http.authorizeExchange((exchanges) -&gt; exchanges.anyExchange().authenticated());
 *     huggingFace.configure(http);
 *     return http.build();
 * }
 * </pre>
 *
 * It configures Spring Security's {@code oauth2Login} with the {@code huggingface}
 * registration (or, in mock mode, the mock sign-in at the same URL), sends unauthenticated
 * browsers to {@value HfOAuth2Registration#LOGIN_URL}, answers failed sign-ins with a page
 * that says what went wrong, returns users to {@code /} after logout, and, as the servlet
 * configurer does, serves {@code /hf-oauth/sign-in.js} (the Space page's frame signs in through a
 * pop-up) and looks up the beans it works with: {@link HfSpace} (framing by the Space page, a
 * custom domain's sign-in, the bounded retry of a lost session), {@link HfTokenExpiry}, a
 * {@link ServerOAuth2AuthorizationRequestResolver}, and {@link HfServerBearerTokens} (Hugging
 * Face tokens on the bearer paths, with {@code hf.oauth.bearer.enabled=true}).
 * <p>
 * An API next to the pages answers a JSON 401 with {@link #withApiPaths(String...)}. A success
 * handler the application set on {@code oauth2Login} before {@link #configure(ServerHttpSecurity)}
 * decides where a sign-in lands; this wraps it (the sign-in event, a Space frame's hand-over).
 * <p>
 * Deliberately not a {@code Customizer<ServerHttpSecurity>}: Spring Security applies every such
 * bean to every chain, and an application's API-only chains must not get a sign-in.
 */
public final class HfServerOAuth2Login {

	// By name: the bearer token types need Spring Security's resource server module, which the
	// starter brings and an app with the autoconfigure module alone may lack.
	private static final boolean BEARER_TOKENS_SUPPORTED = ClassUtils.isPresent(
			"org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector",
			HfServerOAuth2Login.class.getClassLoader());

	private final ListableBeanFactory beans;

	private final String logoutSuccessUrl;

	private final @Nullable ServerSecurityContextRepository securityContextRepository;

	private final @Nullable ServerRequestCache requestCache;

	private final List<String> apiPaths;

	private final @Nullable ServerCsrfTokenRepository csrfTokenRepository;

	/**
	 * Creates the customizer; the reactive auto-configuration declares it as a bean.
	 * @param beans where to look up the beans it works with; an application context (as the
	 * auto-configuration passes) also publishes each sign-in's {@link HfSignInEvent}
	 */
	public HfServerOAuth2Login(ListableBeanFactory beans) {
		this(beans, "/", null, null, List.of(), null);
	}

	private HfServerOAuth2Login(ListableBeanFactory beans, String logoutSuccessUrl,
			@Nullable ServerSecurityContextRepository securityContextRepository,
			@Nullable ServerRequestCache requestCache, List<String> apiPaths,
			@Nullable ServerCsrfTokenRepository csrfTokenRepository) {
		this.beans = beans;
		this.logoutSuccessUrl = logoutSuccessUrl;
		this.securityContextRepository = securityContextRepository;
		this.requestCache = requestCache;
		this.apiPaths = apiPaths;
		this.csrfTokenRepository = csrfTokenRepository;
	}

	/**
	 * A copy for a chain that serves an API next to its pages: a request to these paths that
	 * is not signed in gets 401 and
	 * {@code {"error":"unauthorized","message":...,"login":"/oauth2/authorization/huggingface"}}
	 * instead of the redirect to Hugging Face, which every other path keeps; it is never the
	 * page a browser returns to after signing in. This sets the chain's authentication entry
	 * point: do not set one on {@code http.exceptionHandling(...)} as well. The redirect saves
	 * the page to return to in the request cache of {@link #withRequestCache(ServerRequestCache)},
	 * else the web session, as Spring Security does by default.
	 * @param pathPatterns path patterns such as {@code /api/**}
	 * @return the customized copy
	 */
	public HfServerOAuth2Login withApiPaths(String... pathPatterns) {
		Assert.notEmpty(pathPatterns, "withApiPaths needs at least one path pattern, such as /api/**");
		return new HfServerOAuth2Login(this.beans, this.logoutSuccessUrl, this.securityContextRepository,
				this.requestCache, List.of(pathPatterns), this.csrfTokenRepository);
	}

	/**
	 * A copy for a chain that keeps the security context in a repository of its own: it sets
	 * the repository on the chain, and a session whose Hugging Face token expired is signed
	 * out through it. Without this, a session is signed out through a unique
	 * {@link ServerSecurityContextRepository} bean, else the web session, as Spring Security
	 * does by default; such a bean is never set on the chain (the chain may have its own): set
	 * it there yourself.
	 * @param securityContextRepository the chain's repository
	 * @return the customized copy
	 */
	public HfServerOAuth2Login withSecurityContextRepository(ServerSecurityContextRepository securityContextRepository) {
		return new HfServerOAuth2Login(this.beans, this.logoutSuccessUrl, securityContextRepository,
				this.requestCache, this.apiPaths, this.csrfTokenRepository);
	}

	/**
	 * A copy for a chain that saves the page to return to after sign-in in a cache of its own,
	 * such as a {@code CookieServerRequestCache}: it sets the cache on the chain, and the
	 * redirect to sign-in, the return after it and the Space frame's sign-in all use it. Without
	 * this, they use the web session, as Spring Security does by default; a cache set only on
	 * {@code http.requestCache(...)} is not visible here: pass it to this method instead.
	 * @param requestCache the chain's request cache
	 * @return the customized copy
	 */
	public HfServerOAuth2Login withRequestCache(ServerRequestCache requestCache) {
		return new HfServerOAuth2Login(this.beans, this.logoutSuccessUrl, this.securityContextRepository, requestCache,
				this.apiPaths, this.csrfTokenRepository);
	}

	/**
	 * A copy for a chain whose CSRF protection keeps its tokens in a repository of its own
	 * ({@code http.csrf((csrf) -> csrf.csrfTokenRepository(...))}): a sign-in that the Space
	 * page's frame redeems replaces the frame's token there, so that a token read before the
	 * sign-in is refused after it. Without this, the token is replaced in a unique
	 * {@link ServerCsrfTokenRepository} bean, else in the web session, Spring Security's
	 * default. Unlike {@link #withSecurityContextRepository}, this does not set the repository
	 * on the chain (that would turn CSRF protection back on for a chain that disabled it):
	 * pass the one you set there.
	 * @param csrfTokenRepository the chain's repository
	 * @return the customized copy
	 */
	public HfServerOAuth2Login withCsrfTokenRepository(ServerCsrfTokenRepository csrfTokenRepository) {
		return new HfServerOAuth2Login(this.beans, this.logoutSuccessUrl, this.securityContextRepository,
				this.requestCache, this.apiPaths, csrfTokenRepository);
	}

	/**
	 * A copy that sends users elsewhere after logout; {@code /} by default. Set it here rather
	 * than on {@code http.logout(...)}: the login URL there would sign them straight back in.
	 * @param logoutSuccessUrl a same-origin path
	 * @return the customized copy
	 */
	public HfServerOAuth2Login withLogoutSuccessUrl(String logoutSuccessUrl) {
		Assert.isTrue(logoutSuccessUrl.startsWith("/") && !logoutSuccessUrl.startsWith("//"),
				"logoutSuccessUrl must be a same-origin path such as /");
		return new HfServerOAuth2Login(this.beans, logoutSuccessUrl, this.securityContextRepository,
				this.requestCache, this.apiPaths, this.csrfTokenRepository);
	}

	/**
	 * Adds Sign in with Hugging Face to the chain.
	 * @param http the chain being built
	 */
	public void configure(ServerHttpSecurity http) {
		HfSpace space = this.beans.getBeanProvider(HfSpace.class).getIfAvailable();
		// A context publishes the sign-in events; a bare bean factory cannot.
		ApplicationEventPublisher events = (this.beans instanceof ApplicationEventPublisher publisher) ? publisher
				: (event) -> {
				};
		HfServerLoginFailureHandler failureHandler = new HfServerLoginFailureHandler(space, events);
		// Only a repository this was given goes on the chain: one the app set there stays.
		if (this.securityContextRepository != null) {
			http.securityContextRepository(this.securityContextRepository);
		}
		// Spring Security keeps the chain's cache to itself: one given here goes on the chain.
		if (this.requestCache != null) {
			http.requestCache((cache) -> cache.requestCache(this.requestCache));
		}
		ServerRequestCache requestCache = (this.requestCache != null) ? this.requestCache
				: new WebSessionServerRequestCache();
		ServerSecurityContextRepository contexts = (this.securityContextRepository != null)
				? this.securityContextRepository
				: this.beans.getBeanProvider(ServerSecurityContextRepository.class).getIfUnique();
		ReactiveSessionRegistry sessions = this.beans.getBeanProvider(ReactiveSessionRegistry.class).getIfUnique();
		if (sessions != null) {
			HfServerSignOutHandler signOut = new HfServerSignOutHandler(sessions, this.logoutSuccessUrl);
			// First, while the session still has its id; Spring Security's handlers follow.
			http.logout((logout) -> logout.logoutHandler((handlers) -> handlers.add(0, signOut))
				.logoutSuccessHandler(signOut));
			if (sessions instanceof HfReactiveSessionRegistry followed) {
				// First in the chain: every id change of the request (sign-in, CSRF token, sign-out) is seen.
				http.addFilterAt(new HfServerSessionIdFollower(followed), SecurityWebFiltersOrder.FIRST);
			}
		}
		else {
			RedirectServerLogoutSuccessHandler logoutSuccess = new RedirectServerLogoutSuccessHandler();
			logoutSuccess.setLogoutSuccessUrl(URI.create(this.logoutSuccessUrl));
			http.logout((logout) -> logout.logoutSuccessHandler(logoutSuccess));
		}
		if (space != null && !space.getFrameAncestors().isEmpty()) {
			allowFraming(http, space.getFrameAncestors());
		}
		if (BEARER_TOKENS_SUPPORTED && this.beans.getBeanProvider(HfBearerTokenUsers.class).getIfAvailable() != null) {
			this.beans.getBeanProvider(HfServerBearerTokens.class)
				.getIfAvailable(() -> new HfServerBearerTokens(this.beans))
				.configure(http);
		}
		if (!this.apiPaths.isEmpty()) {
			answerApiPathsWith401(http, this.apiPaths, requestCache);
		}
		HfMockLogin mockLogin = this.beans.getBeanProvider(HfMockLogin.class).getIfAvailable();
		if (mockLogin != null) {
			// The script is served in mock mode too: an app's pages include it the same way everywhere.
			http.addFilterBefore(new HfServerFrameSignInFilter(space, null), SecurityWebFiltersOrder.HTTP_BASIC);
			applyMockLogin(http, mockLogin, events, failureHandler, requestCache, sessions);
			return;
		}
		ServerOAuth2AuthorizationRequestResolver resolver = this.beans
			.getBeanProvider(ServerOAuth2AuthorizationRequestResolver.class)
			.getIfUnique();
		ServerOAuth2AuthorizedClientRepository authorizedClients = this.beans
			.getBeanProvider(ServerOAuth2AuthorizedClientRepository.class)
			.getIfUnique(WebSessionServerOAuth2AuthorizedClientRepository::new);
		HfFrameTickets<HfFrameSignIn.SignIn> tickets = new HfFrameTickets<>(Clock.systemUTC());
		ServerCsrfTokenRepository csrfTokens = (this.csrfTokenRepository != null) ? this.csrfTokenRepository
				: this.beans.getBeanProvider(ServerCsrfTokenRepository.class)
					.getIfUnique(WebSessionServerCsrfTokenRepository::new);
		HfServerFrameSignInFilter.Redeeming redeeming = new HfServerFrameSignInFilter.Redeeming(tickets,
				(contexts != null) ? contexts : new WebSessionServerSecurityContextRepository(), csrfTokens,
				authorizedClients, requestCache, sessions);
		// After the CSRF filter (the redeeming POST needs the frame's token), before the sign-in
		// starts (a frame gets the pop-up page instead of Hugging Face's).
		http.addFilterBefore(new HfServerFrameSignInFilter(space, redeeming), SecurityWebFiltersOrder.HTTP_BASIC);
		if (space != null && space.getHosts().size() > 1) {
			// A custom domain's sign-in comes back as a cross-site POST bound by its own secret.
			http.addFilterBefore(new HfServerForwardedSignInFilter(space,
					this.beans.getBean(ReactiveClientRegistrationRepository.class), redeeming),
					SecurityWebFiltersOrder.CSRF);
		}
		http.oauth2Login((login) -> {
			login.loginPage(HfOAuth2Registration.LOGIN_URL)
				.authorizedClientRepository(authorizedClients)
				// Wraps the handlers the app set on oauth2Login before this, else the redirect to the
				// saved page: the sign-in counts, and a frame's pop-up gets its hand-over page.
				.authenticationSuccessHandler((handlers) -> {
					ServerAuthenticationSuccessHandler otherwise = handlers.isEmpty()
							? savedPage(requestCache)
							: new DelegatingServerAuthenticationSuccessHandler(List.copyOf(handlers));
					handlers.clear();
					handlers.add(registering(sessions, new HfServerSignInSuccessHandler(events,
							new HfServerFrameSignInSuccessHandler(tickets, authorizedClients, otherwise))));
				})
				.authenticationFailureHandler(failureHandler);
			if (resolver != null) {
				login.authorizationRequestResolver(resolver);
			}
		});
		// Spring's redirect filter has no failure handler: without this, a sign-in that cannot
		// start (Hugging Face unreachable) is a bare 500.
		http.addFilterBefore(failuresOf(ServerWebExchangeMatchers.pathMatchers(HfOAuth2Registration.LOGIN_URL),
				failureHandler), SecurityWebFiltersOrder.HTTP_BASIC);
		WebFilter tokenExpiry = tokenExpiryFilter(
				(contexts != null) ? contexts : new WebSessionServerSecurityContextRepository());
		if (tokenExpiry != null) {
			// After the sign-in filters, before authorization: a session it ends continues
			// without the user, and a protected page then sends them through sign-in.
			http.addFilterAfter(tokenExpiry, SecurityWebFiltersOrder.AUTHENTICATION);
		}
	}

	// The mock sign-in answers at the real sign-in's URL. oauth2Login stays configured, with no
	// registration, because it alone sets up Spring Security's default entry point to the
	// sign-in: unauthenticated requests are answered the same way for mock and real sign-in.
	private static void applyMockLogin(ServerHttpSecurity http, HfMockLogin mockLogin,
			ApplicationEventPublisher events, HfServerLoginFailureHandler failureHandler, ServerRequestCache requestCache,
			@Nullable ReactiveSessionRegistry sessions) {
		if (!mockLogin.allowsRemote()) {
			http.addFilterAt(HfServerOAuth2Login::refuseRemote, SecurityWebFiltersOrder.FIRST);
		}
		http.oauth2Login((login) -> login.loginPage(HfOAuth2Registration.LOGIN_URL)
			.clientRegistrationRepository((registrationId) -> Mono.empty())
			.authenticationFailureHandler(failureHandler));
		AuthenticationWebFilter signIn = new AuthenticationWebFilter(
				new ReactiveAuthenticationManagerAdapter(new ProviderManager(mockLogin.provider())));
		signIn.setRequiresAuthenticationMatcher(
				ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, HfOAuth2Registration.LOGIN_URL));
		signIn.setServerAuthenticationConverter((exchange) -> Mono.just(new MockLoginRequest()));
		// The session repository changes the session id as it saves: session fixation
		// protection, as for a real sign-in.
		signIn.setSecurityContextRepository(new WebSessionServerSecurityContextRepository());
		// Back to the page that asked for the sign-in, as after a real one (the default
		// handler would carry on to the sign-in URL's own handler).
		// Registered as a real sign-in is, so that a sign-out says whether another tab is signed in.
		signIn.setAuthenticationSuccessHandler(
				registering(sessions, new HfServerSignInSuccessHandler(events, savedPage(requestCache))));
		signIn.setAuthenticationFailureHandler(failureHandler);
		http.addFilterBefore(signIn, SecurityWebFiltersOrder.HTTP_BASIC);
	}

	// WebFlux has no per-path default entry points to add to: the whole entry point is set, and
	// every other path gets what oauth2Login alone gives every path, the redirect to sign-in.
	private static void answerApiPathsWith401(ServerHttpSecurity http, List<String> apiPaths,
			ServerRequestCache requestCache) {
		DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
				new DelegateEntry(ServerWebExchangeMatchers.pathMatchers(apiPaths.toArray(String[]::new)),
						new HfServerApiAuthenticationEntryPoint()));
		RedirectServerAuthenticationEntryPoint signIn = new RedirectServerAuthenticationEntryPoint(
				HfOAuth2Registration.LOGIN_URL);
		signIn.setRequestCache(requestCache);
		entryPoint.setDefaultEntryPoint(signIn);
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint));
	}

	private static ServerAuthenticationSuccessHandler savedPage(ServerRequestCache requestCache) {
		RedirectServerAuthenticationSuccessHandler savedPage = new RedirectServerAuthenticationSuccessHandler();
		savedPage.setRequestCache(requestCache);
		return savedPage;
	}

	// Mock mode answers loopback requests only (MockRemoteRefusal), before anything else runs.
	// No address is not loopback either: a Unix socket's peer may be anyone with access to the
	// socket (allow-remote, knowingly). A WebTestClient bound to the application has none;
	// the test support (HfLocalRequests, hfLogin) gives its requests 127.0.0.1.
	private static Mono<Void> refuseRemote(ServerWebExchange exchange, WebFilterChain chain) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (MockRemoteRefusal.isLoopback((remote != null) ? remote.getAddress() : null)) {
			return chain.filter(exchange);
		}
		MockRemoteRefusal refusal = MockRemoteRefusal
			.of(exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT));
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(MockRemoteRefusal.STATUS);
		response.getHeaders().setCacheControl("no-store");
		response.getHeaders().setContentType(new MediaType(refusal.contentType(), StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(response.bufferFactory().wrap(refusal.body().getBytes(StandardCharsets.UTF_8))));
	}

	private static WebFilter failuresOf(ServerWebExchangeMatcher requests, HfServerLoginFailureHandler failureHandler) {
		return (exchange, chain) -> requests.matches(exchange)
			.flatMap((match) -> match.isMatch()
					? chain.filter(exchange)
						.onErrorResume(AuthenticationException.class, (ex) -> failureHandler
							.onAuthenticationFailure(new WebFilterExchange(exchange, chain), ex))
					: chain.filter(exchange));
	}

	private @Nullable WebFilter tokenExpiryFilter(ServerSecurityContextRepository contexts) {
		HfTokenExpiry policy = this.beans.getBeanProvider(HfTokenExpiry.class).getIfAvailable(HfTokenExpiry::defaults);
		ServerOAuth2AuthorizedClientRepository authorizedClients = this.beans
			.getBeanProvider(ServerOAuth2AuthorizedClientRepository.class)
			.getIfUnique();
		if (authorizedClients == null || (!policy.endSession() && !policy.refresh())) {
			return null;
		}
		return new HfServerTokenExpiryFilter(policy, authorizedClients,
				this.beans.getBeanProvider(ReactiveOAuth2AuthorizedClientManager.class).getIfUnique(), contexts,
				Clock.systemUTC());
	}

	// The new session joins the registry of signed-in sessions before the page after sign-in
	// is written.
	private static ServerAuthenticationSuccessHandler registering(@Nullable ReactiveSessionRegistry sessions,
			ServerAuthenticationSuccessHandler then) {
		return (sessions != null) ? new DelegatingServerAuthenticationSuccessHandler(
				(exchange, authentication) -> HfServerSignOutHandler.register(sessions, exchange.getExchange(),
						authentication),
				then) : then;
	}

	// The Space page shows the app in an iframe; X-Frame-Options cannot name an origin, so a
	// Content-Security-Policy of its own replaces it (browsers enforce it beside the app's).
	private static void allowFraming(ServerHttpSecurity http, List<String> ancestors) {
		String policy = "frame-ancestors 'self' " + String.join(" ", ancestors);
		http.headers((headers) -> headers.frameOptions((frameOptions) -> frameOptions.disable())
			.writer((exchange) -> {
				exchange.getResponse().getHeaders().add("Content-Security-Policy", policy);
				return Mono.empty();
			}));
	}

}
