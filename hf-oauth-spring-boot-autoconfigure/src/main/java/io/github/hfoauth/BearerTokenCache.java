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
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * What the Hub said about each token, for a bounded time and number of tokens, keyed by the
 * SHA-256 of the token so that the token itself is never kept. One lookup per token at a time:
 * requests that arrive while the Hub is being asked about their token wait for that answer.
 * A failed lookup (the Hub unreachable) is not remembered.
 *
 * @param <T> what is remembered
 */
final class BearerTokenCache<T> {

	private final Duration timeToLive;

	private final int maximumSize;

	private final Clock clock;

	// Insertion order: when full, the answer fetched longest ago goes first.
	private final Map<String, Entry<T>> answers = new LinkedHashMap<>();

	private final ConcurrentHashMap<String, CompletableFuture<T>> lookups = new ConcurrentHashMap<>();

	BearerTokenCache(Duration timeToLive, int maximumSize, Clock clock) {
		this.timeToLive = timeToLive;
		this.maximumSize = maximumSize;
		this.clock = clock;
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
		synchronized (this.answers) {
			return this.answers.size();
		}
	}

	private @Nullable T remembered(String key) {
		synchronized (this.answers) {
			Entry<T> entry = this.answers.get(key);
			if (entry == null) {
				return null;
			}
			if (!this.clock.instant().isBefore(entry.expiresAt())) {
				this.answers.remove(key);
				return null;
			}
			return entry.value();
		}
	}

	private void remember(String key, T value) {
		synchronized (this.answers) {
			this.answers.remove(key);
			this.answers.put(key, new Entry<>(value, this.clock.instant().plus(this.timeToLive)));
			var oldest = this.answers.keySet().iterator();
			while (this.answers.size() > this.maximumSize && oldest.hasNext()) {
				oldest.next();
				oldest.remove();
			}
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

}
