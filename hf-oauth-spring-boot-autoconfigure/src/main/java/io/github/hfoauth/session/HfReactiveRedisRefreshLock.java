package io.github.hfoauth.session;

import java.time.Duration;

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

	private final Duration timeToLive;

	/**
	 * Creates the lock, for refreshes with the default timeouts.
	 * @param redis the Redis that holds the sessions
	 */
	public HfReactiveRedisRefreshLock(ReactiveStringRedisTemplate redis) {
		this(redis, HfRefreshTimes.defaults());
	}

	/**
	 * Creates the lock.
	 * @param redis the Redis that holds the sessions
	 * @param times how long a refresh may take: a lock outlives it
	 */
	public HfReactiveRedisRefreshLock(ReactiveStringRedisTemplate redis, HfRefreshTimes times) {
		this.redis = redis;
		this.timeToLive = times.lockTimeToLive();
	}

	@Override
	public Mono<Boolean> tryLock(String sessionId, String owner) {
		return this.redis.opsForValue()
			.setIfAbsent(RedisRefreshLockKeys.of(sessionId).get(0), owner, this.timeToLive)
			.map(Boolean.TRUE::equals);
	}

	@Override
	public Mono<Void> unlock(String sessionId, String owner) {
		return this.redis.execute(RedisRefreshLockKeys.RELEASE, RedisRefreshLockKeys.of(sessionId), owner).then();
	}

}
