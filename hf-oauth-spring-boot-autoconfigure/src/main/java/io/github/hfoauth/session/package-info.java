/**
 * What goes into a session and a shared session store: the user's tokens without the client
 * registration (no secret in the store), values sealed with a MAC, one refresh per session.
 * <p>
 * Code map:
 * <ul>
 * <li>{@link HfSessionAuthorizedClientRepository}, {@link HfWebSessionAuthorizedClientRepository}:
 * the tokens in the {@code HttpSession} or {@code WebSession} ({@code RegistrationLookupPause}:
 * the quiet period after a failed registration lookup).</li>
 * <li>{@link HfSessionSerializer}: Spring Session's Redis values, sealed ({@code SessionSeal}),
 * in Java serialization through an allow-list ({@code JdkSessionValues},
 * {@code SessionClassFilter}) or in JSON ({@code JsonSessionValues}); a sign-in is stored
 * compactly ({@code StoredSignIn}); {@link HfRedisSessionMapper} makes a session Spring Session
 * cannot map unreadable, so that it is forgotten.</li>
 * <li>{@link HfOneRefreshPerSession}, {@link HfServerOneRefreshPerSession}: lock, read again,
 * write through ({@code RefreshPlan}, {@code RefreshFailures}); {@link HfSpringSessionStore}
 * and {@link HfSpringSessionWebStore} read a session again.</li>
 * <li>{@link HfRefreshLock}, {@link HfReactiveRefreshLock}: in memory, or in Redis
 * ({@link HfRedisRefreshLock}, {@link HfReactiveRedisRefreshLock}, {@code RedisRefreshLockKeys})
 * so that every instance sees it; {@link HfRefreshTimes} derives how long from the timeouts.</li>
 * </ul>
 */
@NullMarked
package io.github.hfoauth.session;

import org.jspecify.annotations.NullMarked;
