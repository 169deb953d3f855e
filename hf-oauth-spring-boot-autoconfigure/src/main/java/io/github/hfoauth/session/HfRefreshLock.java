package io.github.hfoauth.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock that lets one request at a time refresh the Hugging Face tokens of a session,
 * keyed by the session id. Hugging Face rotates refresh tokens: of two requests that refresh
 * at once, the second is refused and would sign the user out. The auto-configuration uses
 * {@link HfRedisRefreshLock} when sessions are in Spring Session's Redis store (instances share
 * it) and {@link #inMemory()} otherwise; declare a bean of this type to lock elsewhere.
 * <p>
 * Locks are tried, never waited on here: the caller decides how long to wait.
 */
public interface HfRefreshLock {

	/**
	 * Takes the lock of a session's refresh if nobody holds it.
	 * @param sessionId the session whose tokens are refreshed
	 * @param owner a value unique to this attempt, which alone can release the lock
	 * @return whether the lock is now held by {@code owner}
	 */
	boolean tryLock(String sessionId, String owner);

	/**
	 * Releases the lock if {@code owner} still holds it.
	 * @param sessionId the session
	 * @param owner the value given to {@link #tryLock}
	 */
	void unlock(String sessionId, String owner);

	/**
	 * A lock held in this instance's memory: enough when sessions live in this instance only.
	 * @return the lock
	 */
	static HfRefreshLock inMemory() {
		Map<String, String> owners = new ConcurrentHashMap<>();
		return new HfRefreshLock() {

			@Override
			public boolean tryLock(String sessionId, String owner) {
				return owners.putIfAbsent(sessionId, owner) == null;
			}

			@Override
			public void unlock(String sessionId, String owner) {
				owners.remove(sessionId, owner);
			}

		};
	}

}
