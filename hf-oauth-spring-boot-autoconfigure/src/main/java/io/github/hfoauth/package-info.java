/**
 * The public model and the web glue an application touches: the signed-in {@link HfOAuth2User}
 * and its organizations, the configurers that add Hugging Face sign-in to a chain, the rules.
 * <p>
 * Code map (decisions are taken once, free of servlet and reactive types; the servlet classes
 * and their WebFlux twins, {@code HfServer*}, only write the answer):
 * <ul>
 * <li>{@link HfOAuth2User}, {@link HfOrganization}, {@link HfOrganizationRole}: the model an app
 * injects and reads; {@link HfOAuth2UserBuilder} builds a user as a sign-in would (tests,
 * fixtures, the mock user).</li>
 * <li>{@link HfOAuth2UserConverter}: the one place a sign-in becomes an {@code HfOAuth2User}
 * ({@code HfClaims} reads userinfo leniently).</li>
 * <li>{@link HfAuthoritiesMapper}, {@link HfOrganizationAuthorities},
 * {@link HfOrganizationGate}: authorities from organizations; who may sign in.</li>
 * <li>{@link HfAuthorization}, {@link HfServerAuthorization}, {@link HfSecurityExpressions}: URL
 * and method rules on organizations ({@code @hf}).</li>
 * <li>{@link HfOAuth2Registration}: the shared names (the registration id, the sign-in URL).</li>
 * <li>{@link HfOAuth2LoginConfigurer}, {@link HfServerOAuth2Login}: the one call that adds
 * Hugging Face sign-in to a servlet or WebFlux chain.</li>
 * <li>{@link HfAuthorizationRequestResolver}, {@link HfServerAuthorizationRequestResolver}: the
 * authorize request, with {@code orgIds} and the attempt number in {@code state}
 * ({@code HfSignInAttempts}, for both).</li>
 * <li>{@link HfSpace}, {@link HfTokenExpiry}, {@link HfOAuth2ErrorCodes}: what a chain needs to
 * know: the Space, the token policy, the starter's own error codes, trusted only on an
 * {@link HfSignInException} the starter raised; {@link HfSignInMode}: Space, properties or mock,
 * decided when the application starts.</li>
 * <li>{@code HfLoginFailure}, {@code HfLoginFailureAnswer}: the plain-words answer to a failed
 * sign-in (401, 502, 503); {@code HfLoginFailureHandler} and
 * {@code HfServerLoginFailureHandler} write it.</li>
 * <li>{@link HfSignInEvent}, {@link HfTokenRefreshEvent}: the outcome of each sign-in and
 * refresh, as application events (metrics and audit listen); {@code HfSignInSuccessHandler} and
 * {@code HfServerSignInSuccessHandler} publish a success, the failure handlers a failure with
 * {@code HfLoginFailure}'s reason.</li>
 * <li>{@code HfTokenExpiryFilter}, {@code HfServerTokenExpiryFilter}, {@code RefreshResult}:
 * refresh, or end the session of, an expired token ({@code NonRotatingSession} keeps the
 * WebFlux session id when it ends; {@code DelegatingWebSession} is the web session both it and
 * {@code SessionStoreWatchingExchange} change a few calls of).</li>
 * <li>{@code HfSessionStoreFailure}: the answer while a shared session store is down;
 * {@link HfSessionStoreFailureFilter} and {@link HfServerSessionStoreFailureFilter} (with
 * {@code SessionStoreWatchingExchange}, and {@link HfSessionRepositoryWatcher} on servlet) write
 * it, for failures of Spring Session's repository only; {@code HfErrorAnswer} is the page and JSON
 * shell of both failure answers.</li>
 * <li>{@code StoredUser}, {@link IdTokenRereading}: the stored form of the principal, and its ID
 * token's claims read again from the JWT.</li>
 * <li>{@code HfFrameSignIn}, {@code HfFrameTickets}: signing in from the Space page's frame
 * through a pop-up and a single-use ticket bound to the frame's secret, and on a custom domain
 * through the {@code hf.space} host ({@code sign-in.js} beside this package is the script);
 * {@code HfFrameSignInFilter}, {@code HfFrameSignInSuccessHandler}, {@code HfForwardedSignInFilter}
 * and their {@code HfServer*} twins serve it; {@code SameOriginPath} checks the page a sign-in
 * returns to.</li>
 * <li>{@link HfBearerTokens}, {@link HfServerBearerTokens}: Hugging Face tokens on the app's own
 * API ({@code hf.oauth.bearer.*}). {@link HfBearerTokenUsers} decides for both stacks who a token
 * belongs to (only user access tokens unless the app accepts OAuth tokens; the Hub's
 * {@code whoami-v2} through {@link HfOAuth2UserConverter}, remembered in {@code BearerTokenCache}
 * by a hash of the token, refusals apart, one lookup at a time per token);
 * {@code BearerTokenIntrospector} and {@code ReactiveBearerTokenIntrospector} ask the Hub;
 * {@code BearerTokenFailure} is the 401/403/503 answer, which {@code BearerTokenFailureHandler}
 * and {@code ServerBearerTokenFailureHandler} write.</li>
 * <li>{@code HfMockLogin}, {@code MockLoginConfigurer}, {@code MockLoginFilter},
 * {@code MockLoginRequest}: the local sign-in as a mock user, behind the same URL, with the same
 * principal and session handling as a real sign-in; {@code MockRemoteRefusal} (written by
 * {@code MockRemoteFilter} and the WebFlux configurer) answers other addresses than loopback,
 * and requests without an address.</li>
 * <li>{@link LogText}: request or provider text made fit for one log line, for every package.
 * {@code HfRuntimeHints}: what Spring AOT and native images need to know of the starter.</li>
 * </ul>
 * Wiring is in {@code io.github.hfoauth.autoconfigure}; calling Hugging Face as the user in
 * {@code io.github.hfoauth.api}; shared sessions in {@code io.github.hfoauth.session} and
 * {@code io.github.hfoauth.jackson}; test support in {@code io.github.hfoauth.test}.
 */
@NullMarked
package io.github.hfoauth;

import org.jspecify.annotations.NullMarked;
