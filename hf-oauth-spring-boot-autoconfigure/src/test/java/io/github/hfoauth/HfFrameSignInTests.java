package io.github.hfoauth;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;

/**
 * Where the {@code hf.space} host may hand a custom domain's sign-in back to: one of the
 * Space's other hosts, over https (plain http only for a loopback host, in a local run); which
 * commitment a sign-in takes; which POSTs count as the app's own; and the JSON answers to the
 * frame, where nothing breaks out of a string.
 */
class HfFrameSignInTests {

	private final HfSpace space = new HfSpace("ada/demo", "ada-demo.hf.space", List.of(),
			List.of("ada-demo.hf.space", "demo.example.org", "localhost", "127.0.0.1", "[::1]"));

	@Test
	void theHfSpaceHostItselfIsNoCustomDomain() {
		// Its own hand-back would find no secret there: a forged start would only end in an error page.
		assertThat(HfFrameSignIn.isCustomDomainBase("https://ada-demo.hf.space", this.space, "")).isFalse();
	}

	@Test
	void aSignInTakesOnlyTheCommitmentPostedForItsOwnNonce() {
		HfFrameSignIn.Start start = HfFrameSignIn.start("nonce-1", "the-commitment", null, "nonce-1");
		assertThat(start).isEqualTo(new HfFrameSignIn.Start("the-commitment", null));
		assertThat(HfFrameSignIn.start("nonce-1", "the-commitment", "https://demo.example.org", "nonce-1"))
			.isEqualTo(new HfFrameSignIn.Start("the-commitment", "https://demo.example.org"));
		assertThat(HfFrameSignIn.start("nonce-1", "the-commitment", null, null)).as("a plain sign-in").isNull();
		assertThat(HfFrameSignIn.start("nonce-1", "the-commitment", null, "nonce-2")).as("another's nonce").isNull();
		assertThat(HfFrameSignIn.start(null, null, null, "nonce-1")).as("nothing posted").isNull();
	}

	@Test
	void aCustomDomainsStartComesFromThatCustomDomain() {
		assertThat(HfFrameSignIn.isPostedFrom("https://demo.example.org", "https://demo.example.org/app")).isTrue();
		assertThat(HfFrameSignIn.isPostedFrom("https://DEMO.example.org", "https://demo.example.org")).isTrue();
		assertThat(HfFrameSignIn.isPostedFrom(null, "https://demo.example.org")).as("no origin sent").isTrue();
		assertThat(HfFrameSignIn.isPostedFrom("null", "https://demo.example.org")).as("an opaque origin").isTrue();
		assertThat(HfFrameSignIn.isPostedFrom("https://evil.example", "https://demo.example.org")).isFalse();
		assertThat(HfFrameSignIn.isPostedFrom("http://demo.example.org", "https://demo.example.org")).isFalse();
		assertThat(HfFrameSignIn.isPostedFrom("https://demo.example.org:8443", "https://demo.example.org")).isFalse();
	}

	@Test
	void onlyTheAppsOwnPagesMayPostToTheStartersEndpoints() {
		assertThat(HfFrameSignIn.fromOwnPages("same-origin")).isTrue();
		assertThat(HfFrameSignIn.fromOwnPages(null)).as("no such header: the CSRF check decides").isTrue();
		assertThat(HfFrameSignIn.fromOwnPages("same-site")).as("a sibling site").isFalse();
		assertThat(HfFrameSignIn.fromOwnPages("cross-site")).isFalse();
		assertThat(HfFrameSignIn.fromOwnPages("none")).isFalse();
	}

	@Test
	void aCustomDomainOverHttpsReceivesTheSignIn() {
		assertThat(HfFrameSignIn.isCustomDomainBase("https://demo.example.org", this.space, "")).isTrue();
		assertThat(HfFrameSignIn.isCustomDomainBase("https://DEMO.example.org:8443/app", this.space, "/app")).isTrue();
	}

	@Test
	void aCustomDomainOverPlainHttpDoesNot() {
		// A Space is only served over https: the ticket must not cross the network in the clear.
		assertThat(HfFrameSignIn.isCustomDomainBase("http://demo.example.org", this.space, "")).isFalse();
		assertThat(HfFrameSignIn.isCustomDomainBase("http://ada-demo.hf.space", this.space, "")).isFalse();
		assertThat(HfFrameSignIn.isCustomDomainBase("http://demo.example.org:8080", this.space, "")).isFalse();
		assertThat(HfFrameSignIn.isCustomDomainBase("http://demo.example.org:80/app", this.space, "/app")).isFalse();
	}

	@Test
	void aLoopbackHostOverPlainHttpDoes() {
		// A local run (the tests): nothing leaves the machine, and browsers treat it as secure.
		assertThat(HfFrameSignIn.isCustomDomainBase("http://localhost:8080/app", this.space, "/app")).isTrue();
		assertThat(HfFrameSignIn.isCustomDomainBase("http://127.0.0.1:8080", this.space, "")).isTrue();
		assertThat(HfFrameSignIn.isCustomDomainBase("http://[::1]:8080", this.space, "")).isTrue();
		assertThat(HfFrameSignIn.isCustomDomainBase("http://127.0.0.2", this.space, "")).as("not a Space host").isFalse();
		HfSpace looksLoopback = new HfSpace("ada/demo", "ada-demo.hf.space", List.of(),
				List.of("ada-demo.hf.space", "127.0.0.1.evil.example", "localhost.evil.example", "127.1"));
		assertThat(HfFrameSignIn.isCustomDomainBase("http://127.0.0.1.evil.example", looksLoopback, "")).isFalse();
		assertThat(HfFrameSignIn.isCustomDomainBase("http://localhost.evil.example", looksLoopback, "")).isFalse();
		assertThat(HfFrameSignIn.isCustomDomainBase("http://127.1", looksLoopback, "")).isFalse();
	}

	@Test
	void anythingElseDoesNot() {
		assertThat(HfFrameSignIn.isCustomDomainBase(null, this.space, "")).isFalse();
		assertThat(HfFrameSignIn.isCustomDomainBase("https://evil.example", this.space, "")).isFalse();
		assertThat(HfFrameSignIn.isCustomDomainBase("https://ada@demo.example.org", this.space, "")).isFalse();
		assertThat(HfFrameSignIn.isCustomDomainBase("https://demo.example.org/other", this.space, "")).isFalse();
		assertThat(HfFrameSignIn.isCustomDomainBase("https://demo.example.org?x", this.space, "")).isFalse();
		assertThat(HfFrameSignIn.isCustomDomainBase("https://demo.example.org#x", this.space, "")).isFalse();
		assertThat(HfFrameSignIn.isCustomDomainBase("ftp://demo.example.org", this.space, "")).isFalse();
		assertThat(HfFrameSignIn.isCustomDomainBase("//demo.example.org", this.space, "")).isFalse();
		assertThat(HfFrameSignIn.isCustomDomainBase("https://demo.example.org\\@evil", this.space, "")).isFalse();
	}

	// They answer every frame's sign-in: writing them compiles no pattern.
	@Test
	void theFramesJsonAnswersCarryNoQuotesOrControlsAndCompileNoPattern() {
		HfFrameSignIn.locationJson(null);
		try (MockedStatic<Pattern> patterns = mockStatic(Pattern.class, CALLS_REAL_METHODS)) {
			assertThat(HfFrameSignIn.csrfJson("X-CSRF-TOKEN", "a\"b\\c<d>\n", true))
				.isEqualTo("{\"header\":\"X-CSRF-TOKEN\",\"token\":\"abcd\",\"session\":true}");
			assertThat(HfFrameSignIn.locationJson("/private?x=\"1\"")).isEqualTo("{\"location\":\"/private?x=1\"}");
			patterns.verify(() -> Pattern.compile(anyString()), never());
		}
	}

}
