package io.github.hfoauth.session;

import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * What the Redis locks of both web stacks share: the key of a session's lock and the release
 * that deletes only the owner's lock. How long a lock lives is {@link HfRefreshTimes}'s.
 */
final class RedisRefreshLockKeys {

	// A holder whose lock expired must not delete the next holder's lock.
	static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end""",
			Long.class);

	private RedisRefreshLockKeys() {
	}

	static List<String> of(String sessionId) {
		return List.of("hf:oauth:refresh-lock:" + sessionId);
	}

}
