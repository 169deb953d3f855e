package io.github.hfoauth.servlet;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The frame sign-in over real HTTP, the same for both web stacks: the Space page's frame gets
 * the pop-up page instead of Hugging Face's, the pop-up ends on the hand-over page with a
 * ticket, and only the frame that holds the secret, with its session's CSRF token, redeems
 * it, once, into a new session. The browser tests show the same in Chromium.
 */
public abstract class FrameSignInContract {

	// What the frame's script keeps to itself, and the commitment it sends to the pop-up.
	static final String SECRET = "the-frames-own-secret-never-in-a-url-000000";

	static final String COMMITMENT = sha256(SECRET);

	/**
	 * One fake Hugging Face for every app that runs the contract (the classes run one after the
	 * other), stopped once the whole test run is over: Spring keeps the apps for later classes.
	 */
	static final FakeHuggingFace huggingFace = FakeHuggingFace.start();

	@RegisterExtension
	static final BeforeAllCallback stopHuggingFaceAfterTheRun = (context) -> context.getRoot()
		.getStore(ExtensionContext.Namespace.GLOBAL)
		.computeIfAbsent(FrameSignInContract.class, (key) -> huggingFace, FakeHuggingFace.class);

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void space(DynamicPropertyRegistry registry) {
		space(registry, huggingFace);
	}

	private static void space(DynamicPropertyRegistry registry, FakeHuggingFace fake) {
		registry.add("SPACE_ID", () -> "ada/demo");
		registry.add("SPACE_HOST", () -> "ada-demo.hf.space");
		registry.add("OAUTH_CLIENT_ID", () -> FakeHuggingFace.DEFAULT_CLIENT_ID);
		registry.add("OAUTH_CLIENT_SECRET", () -> FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		registry.add("OAUTH_SCOPES", () -> "openid profile");
		registry.add("OPENID_PROVIDER_URL", fake::baseUrl);
	}

	@Test
	void theFrameGetsThePopUpPageInsteadOfHuggingFace() {
		TestBrowser frame = TestBrowser.frame(this.port);
		HttpResponse<String> page = frame.get(frame.app("/oauth2/authorization/huggingface"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("data-hf-sign-in", "/hf-oauth/sign-in.js",
				"href=\"https://ada-demo.hf.space/\" target=\"_blank\"");
		HttpResponse<String> script = frame.get(frame.app("/hf-oauth/sign-in.js"));
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/javascript"));
		assertThat(script.body()).contains("event.origin !== origin", "postMessage");
	}

	@Test
	void theFrameThatHoldsTheSecretIsSignedInIntoANewSessionOnce() {
		String ticket = ticketFromThePopUp();
		TestBrowser frame = TestBrowser.frame(this.port);
		Csrf csrf = csrf(frame);
		HttpResponse<String> redeemed = redeem(frame, csrf, ticket, SECRET);
		assertThat(redeemed.statusCode()).isEqualTo(200);
		assertThat(redeemed.body()).isEqualTo("{\"location\":null}");
		assertThat(sessionCookie(redeemed)).as("a new session id").isNotEmpty().isNotEqualTo(csrf.session());
		assertThat(frame.get(frame.app("/hello")).body()).startsWith("Hello ada");

		TestBrowser again = TestBrowser.frame(this.port);
		assertThat(redeem(again, csrf(again), ticket, SECRET).statusCode()).as("single use").isEqualTo(403);
	}

	@Test
	void theCsrfTokenFromBeforeTheSignInIsRefusedAfterIt() {
		String ticket = ticketFromThePopUp();
		TestBrowser frame = TestBrowser.frame(this.port);
		Csrf before = csrf(frame);
		assertThat(redeem(frame, before, ticket, SECRET).statusCode()).isEqualTo(200);
		// A token a page of the signed-out frame read (or had planted) must not act for the user.
		assertThat(logout(frame, before).statusCode()).as("the token from before the sign-in").isEqualTo(403);
		assertThat(frame.get(frame.app("/hello")).body()).as("still signed in").startsWith("Hello ada");
		assertThat(logout(frame, csrf(frame)).statusCode()).as("the session's new token").isEqualTo(302);
		assertThat(frame.get(frame.app("/hello")).statusCode()).as("signed out").isEqualTo(302);
	}

	@Test
	void theRedeemNeverSendsTheFrameToAnotherHost() {
		TestBrowser frame = TestBrowser.frame(this.port);
		// The page the frame asked for before signing in: a path a browser reads as another host
		// (the app's firewall lets double slashes through, as an app may allow).
		HttpResponse<String> asked = frame.get(frame.app("////evil.example/hello"));
		assertThat(asked.statusCode()).as("saved, then sent to sign in").isEqualTo(302);
		HttpResponse<String> redeemed = redeem(frame, csrf(frame), ticketFromThePopUp(), SECRET);
		assertThat(redeemed.statusCode()).isEqualTo(200);
		assertThat(redeemed.body()).as("the app's root instead").isEqualTo("{\"location\":null}");
		assertThat(frame.get(frame.app("/hello")).body()).startsWith("Hello ada");
	}

	@Test
	void aPopUpThatSignsInAgainHoldsOnlyItsNewTicket() {
		TestBrowser popUp = new TestBrowser(this.port);
		String first = ticketFrom(popUp);
		String second = ticketFrom(popUp);
		TestBrowser frame = TestBrowser.frame(this.port);
		assertThat(redeem(frame, csrf(frame), first, SECRET).statusCode()).as("replaced").isEqualTo(403);
		assertThat(redeem(frame, csrf(frame), second, SECRET).statusCode()).isEqualTo(200);
	}

	@Test
	void anotherFramesTicketSignsNobodyIn() {
		// The attacker's pop-up, for the attacker's commitment, handed to a victim's frame.
		String ticket = ticketFromThePopUp();
		TestBrowser victim = TestBrowser.frame(this.port);
		HttpResponse<String> refused = redeem(victim, csrf(victim), ticket, "the-victim-frames-own-secret-00000000000000");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("invalid_ticket").doesNotContain(ticket);
		assertThat(victim.get(victim.app("/hello")).statusCode()).as("still signed out").isEqualTo(302);
	}

	@Test
	void redeemingNeedsTheFramesCsrfToken() {
		String ticket = ticketFromThePopUp();
		TestBrowser frame = TestBrowser.frame(this.port);
		csrf(frame);
		HttpResponse<String> forged = frame.send(HttpRequest.newBuilder(URI.create(frame.app("/hf-oauth/frame-sign-in")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("ticket=" + ticket + "&secret=" + SECRET)));
		assertThat(forged.statusCode()).as("refused (or sent to sign in)").isIn(302, 403);
		assertThat(frame.get(frame.app("/hello")).statusCode()).as("still signed out").isEqualTo(302);
		assertThat(redeem(frame, csrf(frame), ticket, SECRET).statusCode())
			.as("the ticket was not spent by the refused request").isEqualTo(200);
	}

	// One Hugging Face user of their own (no other test's session counts): the pop-up's session
	// ends once the frame redeemed its ticket, so the frame, signing out, learns nobody else is.
	@Test
	void signingOutSaysWhetherTheSameUserIsStillSignedInElsewhere() {
		TestBrowser popUp = new TestBrowser(this.port);
		String ticket = huggingFace.asANewUser(() -> ticketFrom(popUp));
		TestBrowser frame = TestBrowser.frame(this.port);
		assertThat(redeem(frame, csrf(frame), ticket, SECRET).statusCode()).isEqualTo(200);

		// The sign-in moved: the pop-up's session is signed out by the server on its next request.
		assertThat(popUp.get(popUp.app("/hello")).body()).as("the pop-up, signed out").doesNotStartWith("Hello");
		assertThat(frame.get(frame.app("/hello")).body()).as("the frame, untouched").startsWith("Hello");
		assertThat(location(frame, signOut(frame))).as("nobody else of this user").endsWith("/")
			.doesNotContain("signed-in-elsewhere");
		assertThat(frame.get(frame.app("/hello")).statusCode()).as("signed out").isEqualTo(302);
	}

	// The pop-up's session times out on the server while the frame stays signed in: the frame's
	// sign-out does not count a session that is gone.
	@Test
	void aTimedOutSessionIsNotCountedAtSignOut() {
		TestBrowser popUp = new TestBrowser(this.port);
		String ticket = huggingFace.asANewUser(() -> ticketFrom(popUp));
		TestBrowser frame = TestBrowser.frame(this.port);
		assertThat(redeem(frame, csrf(frame), ticket, SECRET).statusCode()).isEqualTo(200);

		timeOut(popUp.sessionId());

		assertThat(location(frame, signOut(frame))).as("nobody else of this user").endsWith("/")
			.doesNotContain("signed-in-elsewhere");
		assertThat(popUp.get(popUp.app("/hello")).statusCode()).as("the pop-up, timed out").isEqualTo(302);
	}

	/**
	 * Lets a session time out on the server, as a visitor who stays away would.
	 * @param sessionId the session's id
	 */
	protected abstract void timeOut(String sessionId);

	@Test
	void theFrameLearnsWhetherItKeepsItsSessionCookie() {
		// After a failed redeem the script asks twice: the second answer tells an expired or
		// spent ticket (try again) from a frame that keeps no cookie (open the app's own tab).
		TestBrowser frame = TestBrowser.frame(this.port);
		assertThat(frame.getJson(frame.app("/hf-oauth/frame-sign-in")).body()).contains("\"session\":false");
		assertThat(frame.getJson(frame.app("/hf-oauth/frame-sign-in")).body()).as("its cookie came back")
			.contains("\"session\":true");
		TestBrowser blocking = TestBrowser.frameBlockingCookies(this.port);
		blocking.getJson(blocking.app("/hf-oauth/frame-sign-in"));
		assertThat(blocking.getJson(blocking.app("/hf-oauth/frame-sign-in")).body()).as("no cookie kept")
			.contains("\"session\":false");
	}

	@Test
	void onceRedeemedThePopUpsSessionIsSignedOutAndNeverRefreshes() {
		// Tokens that are due at once: the next request of a session holding them refreshes.
		huggingFace.expiresIn(1).refreshTokens(true);
		try {
			// The pop-up whose script never signed it out (closed early, stopped, or another logout URL).
			TestBrowser popUp = new TestBrowser(this.port);
			String ticket = ticketFrom(popUp);
			TestBrowser frame = TestBrowser.frame(this.port);
			assertThat(redeem(frame, csrf(frame), ticket, SECRET).statusCode()).isEqualTo(200);
			// A refresh then hands out tokens that last.
			huggingFace.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).resetRequests();

			// Sent to sign in (or, with maximumSessions, told its session expired): not signed in.
			assertThat(popUp.get(popUp.app("/hello")).body()).as("the pop-up, signed out").doesNotStartWith("Hello");
			assertThat(huggingFace.refreshRequests()).as("refreshes for the pop-up").isEmpty();
			assertThat(frame.get(frame.app("/hello")).body()).startsWith("Hello ada");
			assertThat(huggingFace.refreshRequests()).as("the frame alone holds the refresh token").hasSize(1);
		}
		finally {
			huggingFace.expiresIn(FakeHuggingFace.DEFAULT_EXPIRES_IN).refreshTokens(false);
		}
	}

	@Test
	void aTicketNoFrameRedeemedLeavesThePopUpSignedIn() {
		// A frame that keeps no cookie: its redeem fails, the pop-up goes on to the app's home.
		TestBrowser popUp = new TestBrowser(this.port);
		String ticket = ticketFrom(popUp);
		assertThat(popUp.get(popUp.app("/favicon.ico"), "image").statusCode()).as("the page's image, while it waits")
			.isNotEqualTo(200);
		HttpResponse<String> home = popUp.get(popUp.app("/hello"), "document");
		assertThat(home.body()).startsWith("Hello ada");
		TestBrowser frame = TestBrowser.frame(this.port);
		assertThat(redeem(frame, csrf(frame), ticket, SECRET).statusCode()).as("taken back by the pop-up")
			.isEqualTo(403);
	}

	@Test
	void aFrameWhosePopUpLostItsOpenerRedeemsByItsSecretAlone() {
		// Before the pop-up is back: nothing yet, and nothing burnt by asking.
		TestBrowser frame = TestBrowser.frame(this.port);
		Csrf csrf = csrf(frame);
		HttpResponse<String> early = redeemBySecret(frame, csrf, SECRET);
		assertThat(early.statusCode()).isEqualTo(202);
		assertThat(early.body()).isEqualTo("{\"pending\":true}");

		ticketFromThePopUp();
		TestBrowser attacker = TestBrowser.frame(this.port);
		assertThat(redeemBySecret(attacker, csrf(attacker), "the-attackers-guess-00000000000000000000000").statusCode())
			.as("another secret finds nothing").isEqualTo(202);
		HttpResponse<String> forged = frame.send(HttpRequest.newBuilder(URI.create(frame.app("/hf-oauth/frame-sign-in")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("secret=" + SECRET)));
		assertThat(forged.statusCode()).as("without the frame's CSRF token").isIn(302, 403);

		HttpResponse<String> redeemed = redeemBySecret(frame, csrf, SECRET);
		assertThat(redeemed.statusCode()).isEqualTo(200);
		assertThat(frame.get(frame.app("/hello")).body()).startsWith("Hello ada");
		TestBrowser again = TestBrowser.frame(this.port);
		assertThat(redeemBySecret(again, csrf(again), SECRET).statusCode()).as("single use").isEqualTo(202);
	}

	@Test
	void aPlainSignInNeverTakesACommitmentPostedForAnother() {
		TestBrowser browser = new TestBrowser(this.port);
		startPath(browser, postCommitment(browser, COMMITMENT));
		// The same session signs in without the posted sign-in's nonce (another tab, say): a plain
		// sign-in, no hand-over page, however recent the posted commitment.
		HttpResponse<String> signedIn = browser.signIn();
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.body()).doesNotContain("hf-oauth-ticket");
		assertThat(browser.get(browser.app("/hello")).body()).startsWith("Hello ada");
	}

	// HF's pages cut the pop-up off, the frame redeems by its secret; the visitor signs in again
	// later in the same pop-up window (its session had handed its sign-in over).
	@Test
	void aPopUpWhoseTicketWasRedeemedSignsInAgain() {
		TestBrowser popUp = new TestBrowser(this.port);
		ticketFrom(popUp);
		TestBrowser frame = TestBrowser.frame(this.port);
		assertThat(redeemBySecret(frame, csrf(frame), SECRET).statusCode()).isEqualTo(200);
		String again = ticketFrom(popUp);
		TestBrowser another = TestBrowser.frame(this.port);
		assertThat(redeem(another, csrf(another), again, SECRET).statusCode()).isEqualTo(200);
		assertThat(another.get(another.app("/hello")).body()).startsWith("Hello ada");
	}

	@Test
	void thePopUpPageTakesTheCommitmentFromTheFrameNeverFromAUrl() {
		TestBrowser popUp = new TestBrowser(this.port);
		HttpResponse<String> page = popUp.get(popUp.app("/hf-oauth/frame-sign-in/pop-up"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("name=\"hf-oauth-pop-up\" content=\"/oauth2/authorization/huggingface\"",
				"/hf-oauth/sign-in.js").doesNotContain("hf_frame");
		HttpResponse<String> script = popUp.get(popUp.app("/hf-oauth/sign-in.js"));
		assertThat(script.body()).as("the script puts no commitment in a URL").doesNotContain("hf_frame");

		HttpResponse<String> forged = popUp.send(HttpRequest.newBuilder(URI.create(popUp.app("/hf-oauth/frame-sign-in/pop-up")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("commitment=" + COMMITMENT)));
		assertThat(forged.statusCode()).as("without the pop-up session's CSRF token").isIn(302, 403);
		HttpResponse<String> malformed = postCommitment(popUp, "not-a-commitment");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("43 characters");
		Csrf csrf = csrf(popUp);
		HttpResponse<String> inTheUrl = popUp.fetch(HttpRequest
			.newBuilder(URI.create(popUp.app("/hf-oauth/frame-sign-in/pop-up?commitment=" + COMMITMENT)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header(csrf.header(), csrf.token())
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(inTheUrl.statusCode()).as("a commitment in the URL").isEqualTo(400);
		assertThat(inTheUrl.body()).contains("nothing in the URL");
		assertThat(page.headers().firstValue("Cross-Origin-Opener-Policy")).as("it talks to its opener")
			.hasValue("unsafe-none");
	}

	// A sibling site (same site, another origin) can plant a CSRF token kept in a cookie: the
	// browser says where a POST came from, and only the app's own pages count.
	@Test
	void postsFromASiblingSiteAreRefused() {
		TestBrowser frame = TestBrowser.frame(this.port);
		Csrf csrf = csrf(frame);
		for (String path : new String[] { "/hf-oauth/frame-sign-in", "/hf-oauth/frame-sign-in/pop-up" }) {
			HttpResponse<String> refused = frame.send(HttpRequest.newBuilder(URI.create(frame.app(path)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Sec-Fetch-Site", "same-site")
				.header(csrf.header(), csrf.token())
				.POST(HttpRequest.BodyPublishers.ofString("secret=" + SECRET + "&commitment=" + COMMITMENT)));
			assertThat(refused.statusCode()).as(path).isEqualTo(403);
			assertThat(refused.body()).as(path).contains("Only this app's own pages may post here.");
		}
	}

	// The takeover a commitment in a URL allowed: an attacker sends a victim a sign-in link that
	// carries the commitment to the attacker's own secret; the victim signs in; the attacker
	// asks for the ticket by that secret. The link must start a plain sign-in.
	@Test
	void aSignInLinkCarryingSomeoneElsesCommitmentGivesThemNothing() {
		// A secret of the attacker's own: no other test's ticket can answer it.
		String secret = "the-attackers-own-secret-for-a-link-00000000";
		TestBrowser victim = new TestBrowser(this.port);
		String toHuggingFace = location(victim,
				victim.get(victim.app("/oauth2/authorization/huggingface?hf_frame=" + sha256(secret))));
		HttpResponse<String> signedIn = victim.get(victim.onThisApp(location(victim, victim.get(toHuggingFace))));
		assertThat(signedIn.statusCode()).as("a plain sign-in").isEqualTo(302);
		assertThat(signedIn.body()).doesNotContain("hf-oauth-ticket");
		assertThat(victim.get(victim.app("/hello")).body()).as("the victim's own tab, signed in").startsWith("Hello ada");

		TestBrowser attacker = TestBrowser.frame(this.port);
		assertThat(redeemBySecret(attacker, csrf(attacker), secret).statusCode()).as("nothing for the secret")
			.isEqualTo(202);
		assertThat(attacker.get(attacker.app("/hello")).statusCode()).as("the attacker, signed out").isEqualTo(302);
	}

	// The pop-up: a top-level window whose page posted the frame's commitment (the script has
	// it from the frame by postMessage), that signs in and ends on the hand-over page.
	String ticketFromThePopUp() {
		return ticketFrom(new TestBrowser(this.port));
	}

	/**
	 * The sign-in a posted commitment is for, as the pop-up's script reads it from the answer.
	 * @param popUp the pop-up
	 * @param posted the answer to {@link #postCommitment}
	 * @return the sign-in's URL
	 */
	public static String startPath(TestBrowser popUp, HttpResponse<String> posted) {
		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
		String path = group(Pattern.compile("\"location\":\"([^\"]+)\""), posted.body());
		assertThat(path).matches("/oauth2/authorization/huggingface\\?hf_start=[A-Za-z0-9_-]{43}");
		return popUp.app(path);
	}

	public static HttpResponse<String> postCommitment(TestBrowser popUp, String commitment) {
		Csrf csrf = csrf(popUp);
		return popUp.fetch(HttpRequest.newBuilder(URI.create(popUp.app("/hf-oauth/frame-sign-in/pop-up")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header(csrf.header(), csrf.token())
			.POST(HttpRequest.BodyPublishers.ofString("commitment=" + commitment)));
	}

	private String ticketFrom(TestBrowser popUp) {
		String toHuggingFace = location(popUp, popUp.get(startPath(popUp, postCommitment(popUp, COMMITMENT))));
		HttpResponse<String> handOver = popUp.get(popUp.onThisApp(location(popUp, popUp.get(toHuggingFace))));
		assertThat(handOver.statusCode()).isEqualTo(200);
		assertThat(handOver.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(handOver.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("unsafe-none");
		assertThat(handOver.uri().getQuery()).doesNotContain("hf-oauth-ticket");
		return group(Pattern.compile("name=\"hf-oauth-ticket\" content=\"([A-Za-z0-9_-]{43})\""), handOver.body());
	}

	static Csrf csrf(TestBrowser frame) {
		HttpResponse<String> answer = frame
			.fetch(HttpRequest.newBuilder(URI.create(frame.app("/hf-oauth/frame-sign-in"))).header("Accept", "application/json"));
		assertThat(answer.statusCode()).isEqualTo(200);
		return new Csrf(group(Pattern.compile("\"header\":\"([^\"]+)\""), answer.body()),
				group(Pattern.compile("\"token\":\"([^\"]+)\""), answer.body()), sessionCookie(answer));
	}

	private static HttpResponse<String> redeemBySecret(TestBrowser frame, Csrf csrf, String secret) {
		return frame.fetch(HttpRequest.newBuilder(URI.create(frame.app("/hf-oauth/frame-sign-in")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header(csrf.header(), csrf.token())
			.POST(HttpRequest.BodyPublishers.ofString("secret=" + secret)));
	}

	static HttpResponse<String> redeem(TestBrowser frame, Csrf csrf, String ticket, String secret) {
		return frame.fetch(HttpRequest.newBuilder(URI.create(frame.app("/hf-oauth/frame-sign-in")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header(csrf.header(), csrf.token())
			.POST(HttpRequest.BodyPublishers.ofString("ticket=" + ticket + "&secret=" + secret)));
	}

	// POST /logout with the session's CSRF token, as the pages' forms and the script send it.
	private static HttpResponse<String> signOut(TestBrowser browser) {
		Csrf csrf = csrf(browser);
		HttpResponse<String> signedOut = browser.send(HttpRequest.newBuilder(URI.create(browser.app("/logout")))
			.header(csrf.header(), csrf.token())
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(signedOut.statusCode()).isEqualTo(302);
		return signedOut;
	}

	private static HttpResponse<String> logout(TestBrowser frame, Csrf csrf) {
		return frame.send(HttpRequest.newBuilder(URI.create(frame.app("/logout")))
			.header(csrf.header(), csrf.token())
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	// WebFlux redirects within the app with a path, where Spring MVC writes an absolute URL.
	private static String location(TestBrowser browser, HttpResponse<?> response) {
		String location = TestBrowser.location(response);
		return location.startsWith("/") ? browser.app(location) : location;
	}

	private static String sessionCookie(HttpResponse<?> response) {
		return response.headers().allValues("Set-Cookie").stream()
			.filter((cookie) -> cookie.startsWith("JSESSIONID=") || cookie.startsWith("SESSION="))
			.map((cookie) -> cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';')))
			.findFirst()
			.orElse("");
	}

	private static String group(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
		return matcher.group(1);
	}

	static String sha256(String secret) {
		try {
			byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
				.digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Csrf(String header, String token, String session) {
	}

	/**
	 * A firewall that lets double slashes through, for both stacks, as an app that allows
	 * encoded slashes (an API of file paths, say) sets it: the page a frame asks for may then be
	 * one whose path a browser reads as another host.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class DoubleSlashesAllowed {

		@Bean
		HttpFirewall httpFirewall() {
			StrictHttpFirewall firewall = new StrictHttpFirewall();
			firewall.setAllowUrlEncodedDoubleSlash(true);
			return firewall;
		}

		@Bean
		ServerWebExchangeFirewall serverWebExchangeFirewall() {
			StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
			firewall.setAllowUrlEncodedDoubleSlash(true);
			return firewall;
		}

	}

}
