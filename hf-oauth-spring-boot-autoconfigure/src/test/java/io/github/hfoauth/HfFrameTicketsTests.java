package io.github.hfoauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;

/**
 * The tickets that carry a sign-in from the pop-up into the Space page's frame: only the
 * frame that holds the secret can redeem one, once, within a minute.
 */
class HfFrameTicketsTests {

	private static final String SECRET = "frame-secret-kept-in-the-frames-script-only";

	private final MovableClock clock = new MovableClock();

	private final HfFrameTickets<String> tickets = new HfFrameTickets<>(this.clock);

	@Test
	void theFrameThatHoldsTheSecretRedeemsItsTicket() {
		String ticket = issue(HfFrameTickets.commitmentOf(SECRET), "ada's sign-in");
		assertThat(ticket).matches("[A-Za-z0-9_-]{43}");
		assertThat(this.tickets.redeem(ticket, SECRET)).isEqualTo("ada's sign-in");
	}

	@Test
	void aTicketIsRedeemedOnlyOnce() {
		String ticket = issue(HfFrameTickets.commitmentOf(SECRET), "ada's sign-in");
		assertThat(this.tickets.redeem(ticket, SECRET)).isNotNull();
		assertThat(this.tickets.redeem(ticket, SECRET)).isNull();
	}

	@Test
	void aTicketSentToAnotherFrameSignsNobodyIn() {
		// The attacker signed in with their own account, for their own secret, and hands the
		// ticket to a victim's frame: that frame redeems with its own secret.
		String attackers = issue(HfFrameTickets.commitmentOf("attacker-secret"), "attacker's sign-in");
		assertThat(this.tickets.redeem(attackers, SECRET)).isNull();
		assertThat(this.tickets.redeem(attackers, "attacker-secret")).as("a wrong secret burns the ticket").isNull();
	}

	@Test
	void aTicketExpiresAfterAMinute() {
		String late = issue(HfFrameTickets.commitmentOf(SECRET), "ada's sign-in");
		String inTime = issue(HfFrameTickets.commitmentOf(SECRET), "ada's sign-in");
		this.clock.advance(HfFrameTickets.LIFETIME);
		assertThat(this.tickets.redeem(inTime, SECRET)).isNotNull();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.tickets.redeem(late, SECRET)).isNull();
	}

	@Test
	void unknownOrMissingTicketsAreRefused() {
		assertThat(this.tickets.redeem("made-up", SECRET)).isNull();
		assertThat(this.tickets.redeem(null, SECRET)).isNull();
		assertThat(this.tickets.redeem(issue(HfFrameTickets.commitmentOf(SECRET), "x"), null)).isNull();
	}

	@Test
	void aNewTicketForTheSameSessionReplacesItsPreviousOne() {
		String first = this.tickets.issue("popup-session", HfFrameTickets.commitmentOf(SECRET), "first sign-in", true);
		String second = this.tickets.issue("popup-session", HfFrameTickets.commitmentOf(SECRET), "second sign-in", true);
		String elsewhere = this.tickets.issue("another-session", HfFrameTickets.commitmentOf(SECRET), "theirs", true);
		assertThat(this.tickets.redeem(first, SECRET)).as("replaced").isNull();
		assertThat(this.tickets.redeem(second, SECRET)).isEqualTo("second sign-in");
		assertThat(this.tickets.redeem(elsewhere, SECRET)).as("another session's stays").isEqualTo("theirs");
	}

	@Test
	void aCustomDomainsTicketIsRedeemedByItselfOnlyNeverFoundByTheSecret() {
		// Its commitment came in a URL anyone may write: finding it by the secret would hand a
		// victim's sign-in to whoever wrote the link.
		String ticket = this.tickets.issue("space-host-session", HfFrameTickets.commitmentOf(SECRET), "victim's sign-in",
				false);
		assertThat(this.tickets.redeemBySecret(SECRET)).isNull();
		assertThat(this.tickets.redeem(ticket, SECRET)).as("by the ticket, where it was handed")
			.isEqualTo("victim's sign-in");
	}

	@Test
	void aSessionKeepsItsKeyAcrossSignIns() {
		String key = HfFrameTickets.ownerOf(null);
		assertThat(key).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(HfFrameTickets.ownerOf(null));
		assertThat(HfFrameTickets.ownerOf(key)).isEqualTo(key);
	}

	@Test
	void aFullStoreForgetsExpiredTicketsFirst() {
		HfFrameTickets<String> small = new HfFrameTickets<>(this.clock, 2);
		String old = small.issue("a", HfFrameTickets.commitmentOf(SECRET), "a's sign-in", true);
		this.clock.advance(HfFrameTickets.LIFETIME.plusSeconds(1));
		String recent = small.issue("b", HfFrameTickets.commitmentOf(SECRET), "b's sign-in", true);
		String next = small.issue("c", HfFrameTickets.commitmentOf(SECRET), "c's sign-in", true);
		assertThat(next).as("issued in place of the expired one").isNotNull();
		assertThat(small.redeem(old, SECRET)).isNull();
		assertThat(small.redeem(recent, SECRET)).isEqualTo("b's sign-in");
		assertThat(small.redeem(next, SECRET)).isEqualTo("c's sign-in");
	}

	@Test
	void aStoreFullOfLiveTicketsIssuesNoneAndThrowsNothing() {
		HfFrameTickets<String> full = new HfFrameTickets<>(this.clock, HfFrameTickets.CAPACITY);
		for (int i = 0; i < HfFrameTickets.CAPACITY; i++) {
			assertThat(full.issue("session-" + i, HfFrameTickets.commitmentOf(SECRET), "sign-in " + i, true)).isNotNull();
		}
		assertThat(full.issue("one-more", HfFrameTickets.commitmentOf(SECRET), "one more", true))
			.as("no ticket: the caller answers with a plain sign-in")
			.isNull();
		// The same session's new sign-in replaces its own ticket: never refused for being full.
		assertThat(full.issue("session-0", HfFrameTickets.commitmentOf(SECRET), "again", true)).isNotNull();
		this.clock.advance(HfFrameTickets.LIFETIME.plusSeconds(1));
		assertThat(full.issue("one-more", HfFrameTickets.commitmentOf(SECRET), "one more", true)).as("once they expired")
			.isNotNull();
	}

	@Test
	void onlyAHashShapedCommitmentIsAccepted() {
		assertThat(HfFrameTickets.isCommitment(HfFrameTickets.commitmentOf(SECRET))).isTrue();
		assertThat(HfFrameTickets.isCommitment(null)).isFalse();
		assertThat(HfFrameTickets.isCommitment("short")).isFalse();
		assertThat(HfFrameTickets.isCommitment("<script>alert(1)</script>xxxxxxxxxxxxxxxxxxxxxx")).isFalse();
	}

	@Test
	void theCommitmentIsWhatTheBrowserComputes() {
		// SHA-256("abc") in base64url, as crypto.subtle.digest and the script's encoding give it.
		assertThat(HfFrameTickets.commitmentOf("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
	}

	private int sessions;

	// Each in a session of its own.
	@Test
	void aFrameWhosePopUpLostItsOpenerRedeemsByItsSecretOnceAndAskingEarlyBurnsNothing() {
		assertThat(this.tickets.redeemBySecret(SECRET)).as("not issued yet").isNull();
		issue(HfFrameTickets.commitmentOf("attacker-secret"), "attacker's sign-in");
		assertThat(this.tickets.redeemBySecret(SECRET)).as("bound to another secret").isNull();
		String ticket = issue(HfFrameTickets.commitmentOf(SECRET), "ada's sign-in");
		assertThat(this.tickets.redeemBySecret(SECRET)).isEqualTo("ada's sign-in");
		assertThat(this.tickets.redeemBySecret(SECRET)).as("once").isNull();
		assertThat(this.tickets.redeem(ticket, SECRET)).isNull();
		assertThat(this.tickets.redeemBySecret("attacker-secret")).as("the other ticket untouched")
			.isEqualTo("attacker's sign-in");
		issue(HfFrameTickets.commitmentOf(SECRET), "late sign-in");
		this.clock.advance(HfFrameTickets.LIFETIME.plusSeconds(1));
		assertThat(this.tickets.redeemBySecret(SECRET)).as("expired").isNull();
	}

	@Test
	void aTicketNoFrameRedeemedGoesBackToItsSessionOnce() {
		String ticket = issue(HfFrameTickets.commitmentOf(SECRET), "ada's sign-in");
		assertThat(this.tickets.isWaiting(ticket)).isTrue();
		this.clock.advance(HfFrameTickets.LIFETIME.plusSeconds(1));
		assertThat(this.tickets.isWaiting(ticket)).as("no frame can redeem it now").isFalse();
		assertThat(this.tickets.reclaim(ticket)).as("expired, still the session's own").isEqualTo("ada's sign-in");
		assertThat(this.tickets.reclaim(ticket)).isNull();

		String redeemed = issue(HfFrameTickets.commitmentOf(SECRET), "ada's sign-in");
		assertThat(this.tickets.redeem(redeemed, SECRET)).isNotNull();
		assertThat(this.tickets.isWaiting(redeemed)).isFalse();
		assertThat(this.tickets.reclaim(redeemed)).as("moved to the frame").isNull();
	}

	private String issue(String commitment, String signIn) {
		return this.tickets.issue("session-" + (++this.sessions), commitment, signIn, true);
	}

	private static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-12-03T08:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	// Checked on every sign-in start and redeem: the pattern is compiled once.
	@Test
	void aCommitmentIsCheckedWithoutCompilingAPattern() {
		HfFrameTickets.isCommitment(null);
		try (MockedStatic<Pattern> patterns = mockStatic(Pattern.class, CALLS_REAL_METHODS)) {
			assertThat(HfFrameTickets.isCommitment("a".repeat(43))).isTrue();
			assertThat(HfFrameTickets.isCommitment("not one")).isFalse();
			patterns.verify(() -> Pattern.compile(anyString()), never());
			patterns.verify(() -> Pattern.matches(anyString(), any()), never());
		}
	}

}
