package io.github.hfoauth;

import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Lets scripts call a WebFlux app's API with a Hugging Face token: the twin of
 * {@link HfBearerTokens}, with the same paths, answers and cache. The reactive
 * auto-configuration declares it as a bean when {@code hf.oauth.bearer.enabled} is
 * {@code true}, and {@link HfServerOAuth2Login} applies it by itself then; a chain without the
 * sign-in injects it and opts in:
 *
 * <pre class="code">
 * &#64;Bean
 * SecurityWebFilterChain api(ServerHttpSecurity http, HfServerBearerTokens bearerTokens) {
 *     http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
 *         .authorizeExchange((exchanges) -&gt; exchanges.anyExchange().authenticated());
 *     bearerTokens.configure(http);
 *     return http.build();
 * }
 * </pre>
 *
 * On WebFlux, Spring Security's {@code oauth2ResourceServer()} is what this configures: its
 * challenges there answer only the requests that carry a token, its authentication is kept for
 * the request alone (no session), and it lifts CSRF protection for those requests only.
 */
public final class HfServerBearerTokens {

	private final ListableBeanFactory beans;

	/**
	 * Creates the customizer; the reactive auto-configuration declares it as a bean.
	 * @param beans where to look up the token lookup of {@code hf.oauth.bearer.*}
	 */
	public HfServerBearerTokens(ListableBeanFactory beans) {
		this.beans = beans;
	}

	/**
	 * Lets the chain's bearer paths authenticate with Hugging Face tokens.
	 * @param http the chain being built
	 */
	public void configure(ServerHttpSecurity http) {
		HfBearerTokenUsers users = this.beans.getBeanProvider(HfBearerTokenUsers.class).getIfAvailable();
		if (users == null) {
			throw new IllegalStateException("HfServerBearerTokens needs hf.oauth.bearer.enabled=true");
		}
		ServerWebExchangeMatcher paths = ServerWebExchangeMatchers.pathMatchers(users.paths().toArray(String[]::new));
		ServerBearerTokenAuthenticationConverter tokens = new ServerBearerTokenAuthenticationConverter();
		ServerBearerTokenFailureHandler failures = new ServerBearerTokenFailureHandler();
		http.oauth2ResourceServer((resourceServer) -> resourceServer
			.bearerTokenConverter((exchange) -> paths.matches(exchange)
				.flatMap((match) -> match.isMatch() ? tokens.convert(exchange) : Mono.empty()))
			.authenticationEntryPoint(failures)
			.authenticationFailureHandler(failures)
			.opaqueToken((opaqueToken) -> opaqueToken.introspector(new ReactiveBearerTokenIntrospector(users,
					this.beans.getBeanProvider(ObservationRegistry.class).getIfUnique(() -> ObservationRegistry.NOOP)))));
	}

}
