package io.github.hfoauth.session;

import java.time.Duration;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Public only for wiring: the auto-configuration declares it as the {@link HfRefreshLock}
 * bean.
 * <p>
 * A {@link HfRefreshLock} in Redis, shared by every instance that shares the sessions:
 * {@code SET NX PX} on a key of the session id, which expires on its own if its holder dies,
 * and is deleted only by its owner.
 */
public final class HfRedisRefreshLock implements HfRefreshLock {

	private final StringRedisTemplate redis;

	private final Duration timeToLive;

	/**
	 * Creates the lock, for refreshes with the default timeouts.
	 * @param redis the Redis that holds the sessions
	 */
	public HfRedisRefreshLock(StringRedisTemplate redis) {
		this(redis, HfRefreshTimes.defaults());
	}

	/**
	 * Creates the lock.
	 * @param redis the Redis that holds the sessions
	 * @param times how long a refresh may take: a lock outlives it
	 */
	public HfRedisRefreshLock(StringRedisTemplate redis, HfRefreshTimes times) {
		this.redis = redis;
		this.timeToLive = times.lockTimeToLive();
	}

	@Override
	public boolean tryLock(String sessionId, String owner) {
		return Boolean.TRUE.equals(this.redis.opsForValue()
			.setIfAbsent(RedisRefreshLockKeys.of(sessionId).get(0), owner, this.timeToLive));
	}

	@Override
	public void unlock(String sessionId, String owner) {
		this.redis.execute(RedisRefreshLockKeys.RELEASE, RedisRefreshLockKeys.of(sessionId), owner);
	}

}
