/**
 * Wiring only: the auto-configurations for servlet and WebFlux applications, their properties
 * ({@code hf.oauth.*}, {@code hf.api.*}), the conditions and the startup failure analysis.
 * <p>
 * Code map:
 * <ul>
 * <li>{@link HfOAuthAutoConfiguration} (servlet), {@link HfOAuthReactiveAutoConfiguration}
 * (WebFlux), and what both share ({@code HfOAuthSharedConfiguration}): the registration, the
 * principal, the gate, the mock user, the Space, the default chain.</li>
 * <li>{@link HfApiAutoConfiguration}, {@link HfReactiveApiAutoConfiguration}: the API clients
 * ({@code HfWebClientCodecs}: Spring Boot's codec settings for the starter's WebClients;
 * {@code CancellableJdkConnector}: the reactive inference calls, whose streams stop when
 * cancelled; {@code BillTo}: {@code hf.api.bill-to}, checked at startup).</li>
 * <li>{@link HfSessionAutoConfiguration}, {@link HfReactiveSessionAutoConfiguration},
 * {@link HfSharedSessionRefreshAutoConfiguration}: sessions in a shared store (Spring Session):
 * the store-down answer, the serializer, one refresh per session.</li>
 * <li>{@link HfOAuthProperties}, {@link HfApiProperties}, {@link HfSessionProperties}: the
 * properties.</li>
 * <li>{@code HfClientSettings}, {@code SpaceEnvironment}, {@code HfOrganizationSettings},
 * {@code SessionSigningKey}, {@code MockUserClaims}, {@code MockApiToken}: the configuration
 * resolved and checked at startup, a property winning over the Space's environment.</li>
 * <li>{@code HfClientRegistrationRepository}, {@code HfReactiveClientRegistrationRepository}: the
 * {@code huggingface} registration, discovered at the first sign-in rather than at
 * startup.</li>
 * <li>{@code HfProviderHttp}, {@code HfReactiveProviderHttp}, {@code HfIdTokenDecoderFactory},
 * {@code HfReactiveIdTokenDecoderFactory}, {@code WorkerThreads}: the clients that talk to
 * Hugging Face, with timeouts, and one ID token decoder per registration; {@code NoRedirects}:
 * the servlet clients that carry a token follow no redirect.</li>
 * <li>{@code SpaceSessionCookie}, {@code SpaceSessionCookieCustomizer},
 * {@code SpaceWebSessionCookieInitializer}: the session cookie a Space's iframe needs.</li>
 * <li>{@code SignInModes}: the {@link io.github.hfoauth.HfSignInMode} (Space, properties, mock),
 * decided from the environment when the beans are created, never by a condition (Spring AOT
 * evaluates conditions at build time); the mock and Space beans are always registered and
 * inactive, or null beans, when not chosen; {@code MockModeForwardedHeaders} refuses mock mode
 * where forwarded headers decide the client's address. {@code SpaceForwardedHeaders},
 * {@code SpaceForwardedHeaderFilter}, {@code SpaceForwardedHeaderTransformer}: the forwarded
 * headers a Space's proxy is trusted with (on WebFlux, Spring Boot's {@code framework}
 * transformer's work outside a Space).</li>
 * <li>{@link HfObservabilityAutoConfiguration}: what an operator sees, each part only with what
 * it needs: {@code HfSignInMetrics} (Micrometer counters from the sign-in and refresh events),
 * {@code HfSignInAudit} (audit events), {@code DiscoveryHealth} with
 * {@code HuggingFaceHealthIndicator} and {@code HuggingFaceReactiveHealthIndicator} (the
 * {@code huggingface} health, {@link HfHealthProperties}).</li>
 * <li>{@code HfOAuthConfigurationException}, {@code HfOAuthFailureAnalyzer}: a bad property fails
 * at startup, naming the fix.</li>
 * </ul>
 */
@NullMarked
package io.github.hfoauth.autoconfigure;

import org.jspecify.annotations.NullMarked;
