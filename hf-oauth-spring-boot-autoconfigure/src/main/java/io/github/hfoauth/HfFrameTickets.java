package io.github.hfoauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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
 * <p>
 * Bounded: a session holds one waiting ticket at a time (a new sign-in in the same pop-up
 * replaces it), and when the whole store is full, expired tickets go first; otherwise no
 * ticket is issued, and the pop-up lands on the app signed in, as a plain sign-in does.
 *
 * @param <T> what a ticket carries: the stack's sign-in
 */
final class HfFrameTickets<T> {

	/** How long a ticket may wait for its frame. */
	static final Duration LIFETIME = Duration.ofMinutes(1);

	/** How many tickets may wait at once: a ticket needs a finished sign-in, so honest use stays far below. */
	static final int CAPACITY = 10_000;

	private static final Log logger = LogFactory.getLog(HfFrameTickets.class);

	private static final SecureRandom random = new SecureRandom();

	private static final Pattern COMMITMENT = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final Map<String, Waiting<T>> waiting = new HashMap<>();

	// Each session's waiting ticket, by the session's owner key.
	private final Map<String, String> byOwner = new HashMap<>();

	private final Clock clock;

	private final int capacity;

	private boolean full;

	HfFrameTickets(Clock clock) {
		this(clock, CAPACITY);
	}

	HfFrameTickets(Clock clock, int capacity) {
		this.clock = clock;
		this.capacity = capacity;
	}

	/**
	 * Issues a ticket for a sign-in, replacing the one its session still had waiting.
	 * @param owner the key of the session the sign-in finished in ({@link #ownerOf}); it
	 * survives the session id's changes
	 * @param commitment the frame's {@linkplain #isCommitment commitment}
	 * @param signIn what the frame receives
	 * @param findableBySecret whether {@link #redeemBySecret} may find it: only for a
	 * commitment the frame's own script gave its pop-up. A custom domain's sign-in, which a
	 * form anyone may write can start, is redeemed by its ticket alone, so that a start carrying
	 * a commitment to someone else's secret cannot hand them the sign-in it was started for.
	 * @return the ticket, 43 URL-safe characters, or {@code null} when {@value #CAPACITY}
	 * unexpired tickets are waiting: the caller then answers with a plain sign-in
	 */
	synchronized @Nullable String issue(String owner, String commitment, T signIn, boolean findableBySecret) {
		Instant now = this.clock.instant();
		String previous = this.byOwner.remove(owner);
		if (previous != null) {
			this.waiting.remove(previous);
		}
		if (this.waiting.size() >= this.capacity) {
			forgetExpired(now);
		}
		if (this.waiting.size() >= this.capacity) {
			if (!this.full) {
				this.full = true;
				logger.warn(this.capacity + " frame sign-ins are waiting for their frames: until some are redeemed or "
						+ "expire, a sign-in started in the Space page's frame stays in its pop-up, as a plain sign-in");
			}
			return null;
		}
		this.full = false;
		String ticket = randomValue();
		this.waiting.put(ticket, new Waiting<>(owner, commitment, signIn, now.plus(LIFETIME), findableBySecret));
		this.byOwner.put(owner, ticket);
		return ticket;
	}

	/**
	 * The key under which a session's ticket waits: drawn once, kept in the session, so that it
	 * outlives the session id, which every sign-in changes.
	 * @param existing the key the session already holds, if any
	 * @return the key to use (and keep)
	 */
	static String ownerOf(@Nullable Object existing) {
		return (existing instanceof String key && !key.isEmpty()) ? key : randomValue();
	}

	/**
	 * Redeems a ticket, once.
	 * @param ticket the ticket the frame received
	 * @param secret the secret whose SHA-256 the frame sent when it asked for the ticket
	 * @return the sign-in, or {@code null} when the ticket is unknown, used, expired or
	 * bound to another secret
	 */
	synchronized @Nullable T redeem(@Nullable String ticket, @Nullable String secret) {
		if (ticket == null || secret == null) {
			return null;
		}
		// Removed whatever follows: a wrong secret burns the ticket, so it cannot be guessed at.
		Waiting<T> found = this.waiting.remove(ticket);
		if (found == null) {
			return null;
		}
		this.byOwner.remove(found.owner(), ticket);
		if (this.clock.instant().isAfter(found.expires())) {
			return null;
		}
		byte[] expected = found.commitment().getBytes(StandardCharsets.US_ASCII);
		byte[] actual = commitmentOf(secret).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, actual) ? found.signIn() : null;
	}

	/**
	 * Redeems, once, the ticket issued for the commitment to this secret: the way in for a frame
	 * whose pop-up could not post it the ticket (Hugging Face's pages severed its
	 * {@code opener}). Only the holder of the secret finds the ticket; nothing is burnt while
	 * none is issued yet, so the frame may ask again.
	 * @param secret the secret whose SHA-256 the frame sent when it asked for the ticket
	 * @return the sign-in, or {@code null} when no live ticket is bound to the secret
	 */
	synchronized @Nullable T redeemBySecret(@Nullable String secret) {
		if (secret == null) {
			return null;
		}
		byte[] actual = commitmentOf(secret).getBytes(StandardCharsets.US_ASCII);
		Instant now = this.clock.instant();
		for (Map.Entry<String, Waiting<T>> entry : this.waiting.entrySet()) {
			Waiting<T> found = entry.getValue();
			if (found.findableBySecret()
					&& MessageDigest.isEqual(found.commitment().getBytes(StandardCharsets.US_ASCII), actual)
					&& !now.isAfter(found.expires())) {
				this.waiting.remove(entry.getKey());
				this.byOwner.remove(found.owner(), entry.getKey());
				return found.signIn();
			}
		}
		return null;
	}

	/**
	 * Whether a ticket still waits for its frame: issued, neither redeemed nor expired.
	 * @param ticket the ticket
	 * @return {@code true} while a frame may still redeem it
	 */
	synchronized boolean isWaiting(String ticket) {
		Waiting<T> found = this.waiting.get(ticket);
		return found != null && !this.clock.instant().isAfter(found.expires());
	}

	/**
	 * Takes a ticket back for the session that it was issued in, once no frame redeemed it (a
	 * frame that keeps no cookie, a hand-over that never arrived): that session keeps the
	 * sign-in after all. Expired or not, it is still this session's own.
	 * @param ticket the ticket the session was issued
	 * @return the sign-in, or {@code null} when a frame redeemed it (or it was forgotten)
	 */
	synchronized @Nullable T reclaim(String ticket) {
		Waiting<T> found = this.waiting.remove(ticket);
		if (found == null) {
			return null;
		}
		this.byOwner.remove(found.owner(), ticket);
		return found.signIn();
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
		for (Iterator<Map.Entry<String, Waiting<T>>> tickets = this.waiting.entrySet().iterator(); tickets.hasNext();) {
			Map.Entry<String, Waiting<T>> ticket = tickets.next();
			if (now.isAfter(ticket.getValue().expires())) {
				tickets.remove();
				this.byOwner.remove(ticket.getValue().owner(), ticket.getKey());
			}
		}
	}

	private static String randomValue() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private record Waiting<T>(String owner, String commitment, T signIn, Instant expires, boolean findableBySecret) {
	}

}
