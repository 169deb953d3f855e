package io.github.hfoauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * What the Hub said about each token, for a bounded time and number of tokens, keyed by the
 * SHA-256 of the token so that the token itself is never kept. One lookup per token at a time:
 * requests that arrive while the Hub is being asked about their token wait for that answer.
 * A failed lookup (the Hub unreachable) is not remembered. Refusals are kept apart, in a smaller
 * table, and each table forgets the answer used longest ago first: a flood of bad tokens cannot
 * push the users out.
 *
 * @param <T> what is remembered
 */
final class BearerTokenCache<T> {

	private final Duration timeToLive;

	private final Predicate<T> refusal;

	private final Clock clock;

	// Both tables are guarded by this lock; a read reorders its table (least recently used first).
	private final Object lock = new Object();

	private final Table<T> accepted;

	private final Table<T> refused;

	private final ConcurrentHashMap<String, CompletableFuture<T>> lookups = new ConcurrentHashMap<>();

	/**
	 * Creates the cache.
	 * @param timeToLive how long an answer is remembered
	 * @param maximumSize how many accepted answers are remembered at most
	 * @param maximumRefusals how many refusals are remembered at most, apart from them
	 * @param refusal which answers are refusals
	 * @param clock the time
	 */
	BearerTokenCache(Duration timeToLive, int maximumSize, int maximumRefusals, Predicate<T> refusal, Clock clock) {
		this.timeToLive = timeToLive;
		this.refusal = refusal;
		this.clock = clock;
		this.accepted = new Table<>(maximumSize);
		this.refused = new Table<>(maximumRefusals);
	}

	/**
	 * The answer about a token: remembered, being fetched, or fetched now.
	 * @param token the token
	 * @param lookup asks the Hub; called at most once at a time per token
	 * @return the answer
	 */
	CompletableFuture<T> get(String token, Supplier<CompletableFuture<T>> lookup) {
		String key = hash(token);
		T known = remembered(key);
		if (known != null) {
			return CompletableFuture.completedFuture(known);
		}
		CompletableFuture<T> mine = new CompletableFuture<>();
		CompletableFuture<T> running = this.lookups.putIfAbsent(key, mine);
		if (running != null) {
			return running;
		}
		// A lookup may have finished between the two reads: it remembered before it let go.
		known = remembered(key);
		if (known != null) {
			this.lookups.remove(key, mine);
			mine.complete(known);
			return mine;
		}
		CompletableFuture<T> answer;
		try {
			answer = lookup.get();
		}
		catch (RuntimeException ex) {
			answer = CompletableFuture.failedFuture(ex);
		}
		answer.whenComplete((value, failure) -> {
			if (failure == null) {
				remember(key, value);
			}
			this.lookups.remove(key, mine);
			if (failure == null) {
				mine.complete(value);
			}
			else {
				mine.completeExceptionally(failure);
			}
		});
		return mine;
	}

	int size() {
		synchronized (this.lock) {
			return this.accepted.size();
		}
	}

	int refusals() {
		synchronized (this.lock) {
			return this.refused.size();
		}
	}

	private @Nullable T remembered(String key) {
		synchronized (this.lock) {
			T known = remembered(this.accepted, key);
			return (known != null) ? known : remembered(this.refused, key);
		}
	}

	private @Nullable T remembered(Table<T> table, String key) {
		Entry<T> entry = table.get(key);
		if (entry == null) {
			return null;
		}
		if (!this.clock.instant().isBefore(entry.expiresAt())) {
			table.remove(key);
			return null;
		}
		return entry.value();
	}

	private void remember(String key, T value) {
		Entry<T> entry = new Entry<>(value, this.clock.instant().plus(this.timeToLive));
		synchronized (this.lock) {
			this.accepted.remove(key);
			this.refused.remove(key);
			(this.refusal.test(value) ? this.refused : this.accepted).put(key, entry);
		}
	}

	static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private record Entry<T>(T value, Instant expiresAt) {
	}

	// In access order: when full, the answer used longest ago goes first.
	private static final class Table<T> extends LinkedHashMap<String, Entry<T>> {

		private final int maximumSize;

		Table(int maximumSize) {
			super(16, 0.75f, true);
			this.maximumSize = maximumSize;
		}

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Entry<T>> eldest) {
			return size() > this.maximumSize;
		}

	}

}
