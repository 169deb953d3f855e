/**
 * Support for the applications' own tests: a request or a test method signed in as a Hugging
 * Face user, with the principal and authorities a real sign-in would give.
 * <p>
 * Code map:
 * <ul>
 * <li>{@link WithMockHfUser}: a test method runs signed in
 * ({@code WithMockHfUserSecurityContextFactory}).</li>
 * <li>{@link HfLoginRequestPostProcessor} (MockMvc) and {@link HfWebTestClientLogin}
 * (WebTestClient): {@code hfLogin()}, sharing {@code HfTestLogin}.</li>
 * <li>{@link HfLocalRequests}: a WebTestClient bound to the application sends from
 * {@code 127.0.0.1}, which mock mode answers ({@code hfLogin()} does it by itself).</li>
 * <li>A user given a token ({@code token = ...}, {@code .token(...)}) carries it as the
 * authentication's credentials, where the API clients look first: the app's calls reach a stub
 * Hub with it, without any provider.</li>
 * </ul>
 */
@NullMarked
package io.github.hfoauth.test;

import org.jspecify.annotations.NullMarked;
