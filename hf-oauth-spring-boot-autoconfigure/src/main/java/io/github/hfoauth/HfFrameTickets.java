package io.github.hfoauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Single-use tickets that carry a sign-in from the pop-up window, where Hugging Face's pages
 * ran, into the Space page's frame, whose (partitioned) session the pop-up cannot reach.
 * <p>
 * A ticket is bound to a secret that only the frame's script knows: the frame sends the
 * secret's SHA-256 (the commitment) when it opens the pop-up, and must show the secret itself
 * to redeem. A ticket that reaches anyone else (an attacker who signed in with their own
 * account and sends their ticket to a victim's frame, or a ticket read off a screen) is
 * worthless without that secret; the redeeming request must also pass the frame session's CSRF
 * check. Tickets live about a minute, in this instance's memory only.
 *
 * @param <T> what a ticket carries: the stack's sign-in
 */
final class HfFrameTickets<T> {

	/** How long a ticket may wait for its frame. */
	static final Duration LIFETIME = Duration.ofMinutes(1);

	// Issuing needs a finished sign-in, so this bound is never reached in honest use.
	private static final int MAX_WAITING = 10_000;

	private static final SecureRandom random = new SecureRandom();

	private static final Pattern COMMITMENT = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final Map<String, Waiting<T>> waiting = new ConcurrentHashMap<>();

	private final Clock clock;

	HfFrameTickets(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Issues a ticket for a sign-in.
	 * @param commitment the frame's {@linkplain #isCommitment commitment}
	 * @param signIn what the frame receives
	 * @return the ticket, 43 URL-safe characters
	 */
	String issue(String commitment, T signIn) {
		Instant now = this.clock.instant();
		if (this.waiting.size() >= MAX_WAITING) {
			forgetExpired(now);
		}
		if (this.waiting.size() >= MAX_WAITING) {
			throw new IllegalStateException("Too many frame sign-ins waiting");
		}
		String ticket = randomValue();
		this.waiting.put(ticket, new Waiting<>(commitment, signIn, now.plus(LIFETIME)));
		return ticket;
	}

	/**
	 * Redeems a ticket, once.
	 * @param ticket the ticket the frame received
	 * @param secret the secret whose SHA-256 the frame sent when it asked for the ticket
	 * @return the sign-in, or {@code null} when the ticket is unknown, used, expired or
	 * bound to another secret
	 */
	@Nullable T redeem(@Nullable String ticket, @Nullable String secret) {
		if (ticket == null || secret == null) {
			return null;
		}
		// Removed whatever follows: a wrong secret burns the ticket, so it cannot be guessed at.
		Waiting<T> found = this.waiting.remove(ticket);
		if (found == null || this.clock.instant().isAfter(found.expires())) {
			return null;
		}
		byte[] expected = found.commitment().getBytes(StandardCharsets.US_ASCII);
		byte[] actual = commitmentOf(secret).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, actual) ? found.signIn() : null;
	}

	/**
	 * Whether a value has the shape of a commitment: a base64url SHA-256 without padding.
	 * @param value a request parameter, possibly anything
	 * @return {@code true} for 43 base64url characters
	 */
	static boolean isCommitment(@Nullable String value) {
		return value != null && COMMITMENT.matcher(value).matches();
	}

	/**
	 * The commitment to a secret, as the frame's script computes it.
	 * @param secret the secret
	 * @return its SHA-256, base64url without padding
	 */
	static String commitmentOf(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private void forgetExpired(Instant now) {
		for (Iterator<Waiting<T>> tickets = this.waiting.values().iterator(); tickets.hasNext();) {
			if (now.isAfter(tickets.next().expires())) {
				tickets.remove();
			}
		}
	}

	private static String randomValue() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private record Waiting<T>(String commitment, T signIn, Instant expires) {
	}

}
