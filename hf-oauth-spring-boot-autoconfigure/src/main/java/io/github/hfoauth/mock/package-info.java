/**
 * Local sign-in as a mock user, outside a Space with no Hugging Face client configured: the
 * same principal, authorities and session handling as a real sign-in, behind the same URL.
 * <p>
 * Code map:
 * <ul>
 * <li>{@link HfMockLogin}: the {@code AuthenticationProvider} that signs in the mock user
 * ({@code MockLoginRequest}).</li>
 * <li>{@code MockLoginConfigurer}, {@code MockLoginFilter}: put it where the real sign-in would
 * be.</li>
 * </ul>
 */
@NullMarked
package io.github.hfoauth.mock;

import org.jspecify.annotations.NullMarked;
