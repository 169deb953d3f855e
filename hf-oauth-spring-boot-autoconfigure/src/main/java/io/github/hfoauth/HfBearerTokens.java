package io.github.hfoauth;

import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Lets scripts call the app's API with a Hugging Face token ({@code Authorization: Bearer
 * hf_...}) on the paths of {@code hf.oauth.bearer.paths}, when {@code hf.oauth.bearer.enabled}
 * is {@code true}. {@link HfOAuth2LoginConfigurer} applies it by itself then; a chain without
 * the sign-in (an API-only chain) opts in:
 *
 * <pre class="code">
 * &#64;Bean
 * SecurityFilterChain api(HttpSecurity http) {
 *     http.securityMatcher("/api/**")
 *         .authorizeHttpRequests((requests) -&gt; requests.anyRequest().authenticated())
 *         .with(HfBearerTokens.huggingFace(), Customizer.withDefaults());
 *     return http.build();
 * }
 * </pre>
 *
 * The Hub's {@code /api/whoami-v2} says whose token it is; the request then carries the same
 * {@link HfOAuth2User}, authorities and organization gate as a browser sign-in, in a
 * {@code BearerTokenAuthentication}. The answer is remembered per token (a hash of it) for
 * {@code hf.oauth.bearer.cache-ttl}. Such a request creates no session and needs no CSRF
 * token; when it also carries a session cookie, the token decides. An unknown token gets 401
 * with {@code WWW-Authenticate: Bearer error="invalid_token"}, a user the organization gate
 * refuses 403, and the Hub out of reach 503, each as JSON.
 * <p>
 * Spring Security's own {@code oauth2ResourceServer()} is not used: it would also make bearer
 * challenges the chain's answer to every unauthenticated JSON or {@code *}{@code /*} request,
 * where the sign-in must keep answering.
 */
public final class HfBearerTokens extends AbstractHttpConfigurer<HfBearerTokens, HttpSecurity> {

	private HfBearerTokens() {
	}

	/**
	 * Creates the configurer, for {@code http.with(HfBearerTokens.huggingFace(), ...)}.
	 * @return a new configurer
	 */
	public static HfBearerTokens huggingFace() {
		return new HfBearerTokens();
	}

	@Override
	public void init(HttpSecurity http) {
		// A bearer request cannot be forged by another site (a browser never adds the header
		// by itself), so it needs no CSRF token; a chain without CSRF protection keeps none.
		@SuppressWarnings("unchecked")
		CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
		if (csrf != null) {
			csrf.ignoringRequestMatchers(new AndRequestMatcher(paths(users(http)), HfBearerTokens::hasBearerToken));
		}
	}

	@Override
	public void configure(HttpSecurity http) {
		HfBearerTokenUsers users = users(http);
		RequestMatcher paths = paths(users);
		DefaultBearerTokenResolver tokens = new DefaultBearerTokenResolver();
		BearerTokenAuthenticationConverter converter = new BearerTokenAuthenticationConverter();
		converter.setBearerTokenResolver((request) -> paths.matches(request) ? tokens.resolve(request) : null);
		SecurityContextHolderStrategy contexts = getSecurityContextHolderStrategy();
		// The token decides: Spring's filter would add the authorities of a signed-in session to
		// the token's (for step-up authentication), and a token must not borrow a session's rights.
		AuthenticationConverter tokenDecides = (request) -> {
			Authentication token = converter.convert(request);
			if (token != null) {
				contexts.clearContext();
			}
			return token;
		};
		BearerTokenAuthenticationFilter filter = new BearerTokenAuthenticationFilter(
				new ProviderManager(
						new OpaqueTokenAuthenticationProvider(new BearerTokenIntrospector(users, observations(http)))),
				tokenDecides);
		BearerTokenFailureHandler failures = new BearerTokenFailureHandler();
		filter.setAuthenticationEntryPoint(failures);
		filter.setAuthenticationFailureHandler(failures);
		filter.setSecurityContextHolderStrategy(contexts);
		// Its default security context repository keeps the authentication for this request only.
		http.addFilter(postProcess(filter));
	}

	private static HfBearerTokenUsers users(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		HfBearerTokenUsers users = context.getBeanProvider(HfBearerTokenUsers.class).getIfAvailable();
		if (users == null) {
			throw new IllegalStateException("HfBearerTokens needs hf.oauth.bearer.enabled=true (and "
					+ "spring-security-oauth2-resource-server, which the starter brings)");
		}
		return users;
	}

	// The application's registry, as Spring Boot's client builders would use it.
	private static ObservationRegistry observations(HttpSecurity http) {
		return http.getSharedObject(ApplicationContext.class)
			.getBeanProvider(ObservationRegistry.class)
			.getIfUnique(() -> ObservationRegistry.NOOP);
	}

	private static RequestMatcher paths(HfBearerTokenUsers users) {
		List<RequestMatcher> patterns = users.paths()
			.stream()
			.<RequestMatcher>map(PathPatternRequestMatcher::pathPattern)
			.toList();
		return new OrRequestMatcher(patterns);
	}

	private static boolean hasBearerToken(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
	}

}
