package io.github.hfoauth.session;

import reactor.core.publisher.Mono;

/**
 * The WebFlux twin of {@link HfRefreshLock}: one request at a time refreshes the tokens of a
 * session, without blocking a thread. The auto-configuration uses
 * {@link HfReactiveRedisRefreshLock} when sessions are in Spring Session's reactive Redis store
 * and {@link #inMemory()} otherwise; declare a bean of this type to lock elsewhere.
 */
public interface HfReactiveRefreshLock {

	/**
	 * Takes the lock of a session's refresh if nobody holds it.
	 * @param sessionId the session whose tokens are refreshed
	 * @param owner a value unique to this attempt, which alone can release the lock
	 * @return whether the lock is now held by {@code owner}
	 */
	Mono<Boolean> tryLock(String sessionId, String owner);

	/**
	 * Releases the lock if {@code owner} still holds it.
	 * @param sessionId the session
	 * @param owner the value given to {@link #tryLock}
	 * @return completes when released
	 */
	Mono<Void> unlock(String sessionId, String owner);

	/**
	 * A lock held in this instance's memory: enough when sessions live in this instance only.
	 * @return the lock
	 */
	static HfReactiveRefreshLock inMemory() {
		HfRefreshLock owners = HfRefreshLock.inMemory();
		return new HfReactiveRefreshLock() {

			@Override
			public Mono<Boolean> tryLock(String sessionId, String owner) {
				return Mono.fromSupplier(() -> owners.tryLock(sessionId, owner));
			}

			@Override
			public Mono<Void> unlock(String sessionId, String owner) {
				return Mono.fromRunnable(() -> owners.unlock(sessionId, owner));
			}

		};
	}

}
