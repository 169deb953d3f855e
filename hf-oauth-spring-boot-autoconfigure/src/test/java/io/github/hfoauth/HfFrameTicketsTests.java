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
		String ticket = this.tickets.issue(HfFrameTickets.commitmentOf(SECRET), "ada's sign-in");
		assertThat(ticket).matches("[A-Za-z0-9_-]{43}");
		assertThat(this.tickets.redeem(ticket, SECRET)).isEqualTo("ada's sign-in");
	}

	@Test
	void aTicketIsRedeemedOnlyOnce() {
		String ticket = this.tickets.issue(HfFrameTickets.commitmentOf(SECRET), "ada's sign-in");
		assertThat(this.tickets.redeem(ticket, SECRET)).isNotNull();
		assertThat(this.tickets.redeem(ticket, SECRET)).isNull();
	}

	@Test
	void aTicketSentToAnotherFrameSignsNobodyIn() {
		// The attacker signed in with their own account, for their own secret, and hands the
		// ticket to a victim's frame: that frame redeems with its own secret.
		String attackers = this.tickets.issue(HfFrameTickets.commitmentOf("attacker-secret"), "attacker's sign-in");
		assertThat(this.tickets.redeem(attackers, SECRET)).isNull();
		assertThat(this.tickets.redeem(attackers, "attacker-secret")).as("a wrong secret burns the ticket").isNull();
	}

	@Test
	void aTicketExpiresAfterAMinute() {
		String late = this.tickets.issue(HfFrameTickets.commitmentOf(SECRET), "ada's sign-in");
		String inTime = this.tickets.issue(HfFrameTickets.commitmentOf(SECRET), "ada's sign-in");
		this.clock.advance(HfFrameTickets.LIFETIME);
		assertThat(this.tickets.redeem(inTime, SECRET)).isNotNull();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.tickets.redeem(late, SECRET)).isNull();
	}

	@Test
	void unknownOrMissingTicketsAreRefused() {
		assertThat(this.tickets.redeem("made-up", SECRET)).isNull();
		assertThat(this.tickets.redeem(null, SECRET)).isNull();
		assertThat(this.tickets.redeem(this.tickets.issue(HfFrameTickets.commitmentOf(SECRET), "x"), null)).isNull();
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
