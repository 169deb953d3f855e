package io.github.hfoauth.session;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Public only for wiring: the auto-configuration declares it as the
 * {@link HfReactiveRefreshLock} bean.
 * <p>
 * The WebFlux twin of {@link HfRedisRefreshLock}, on Spring Data Redis' reactive client.
 */
public final class HfReactiveRedisRefreshLock implements HfReactiveRefreshLock {

	private final ReactiveStringRedisTemplate redis;

	/**
	 * Creates the lock.
	 * @param redis the Redis that holds the sessions
	 */
	public HfReactiveRedisRefreshLock(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	@Override
	public Mono<Boolean> tryLock(String sessionId, String owner) {
		return this.redis.opsForValue()
			.setIfAbsent(RedisRefreshLockKeys.of(sessionId).get(0), owner, RedisRefreshLockKeys.TIME_TO_LIVE)
			.map(Boolean.TRUE::equals);
	}

	@Override
	public Mono<Void> unlock(String sessionId, String owner) {
		return this.redis.execute(RedisRefreshLockKeys.RELEASE, RedisRefreshLockKeys.of(sessionId), owner).then();
	}

}
