package io.github.hfoauth.sample;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Nobody can make the app send a user to another site: not through a parameter of the
 * sign-in URL, the callback or the logout, nor through the page the user first asked for
 * (which Spring Security saves and returns to after sign-in). gradio's open redirect
 * (CVE-2026-28415) was fixed once and then bypassed with {@code ////evil.com}, so every
 * spelling below is tried, and every redirect the app sends on the way is checked.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RedirectSafetyTests {

	// The list first, then other spellings browsers also read as another host.
	private static final List<String> TARGETS = List.of("//evil.example", "////evil.example", "/\\evil.example",
			"https:evil.example", "%2F%2Fevil.example", "https://evil.example/", "\\\\evil.example",
			"/\t/evil.example", "/%5Cevil.example", "http://localhost@evil.example/");

	private static final List<String> PARAMETERS = List.of("continue", "redirect", "redirect_uri", "next",
			"returnTo", "target", "url", "_target");

	private static final FakeHuggingFace huggingFace = FakeHuggingFace.start().scopes(SpaceSignIn.SCOPES);

	@LocalServerPort
	private int port;

	private Browser browser;

	@DynamicPropertySource
	static void space(DynamicPropertyRegistry registry) {
		SpaceSignIn.environment(registry, huggingFace, FakeHuggingFace.DEFAULT_CLIENT_SECRET);
	}

	@AfterAll
	static void stopHuggingFace() {
		huggingFace.close();
	}

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.port);
	}

	static Stream<Arguments> targetsAsSpelled() {
		return TARGETS.stream()
			.flatMap((target) -> Stream.of(Spelling.values()).map((spelling) -> Arguments.of(target, spelling)));
	}

	// One sign-in and logout per target: the parameters ride on the sign-in URL, on the
	// callback and on the logout, and every redirect in between is checked.
	@ParameterizedTest(name = "[{index}] {1} {0}")
	@MethodSource("targetsAsSpelled")
	void parametersOfSignInCallbackAndLogoutDoNotChooseWhereTheUserLands(String target, Spelling spelling) {
		Trail trail = new Trail();
		String query = spelling.query(target);
		HttpResponse<String> toHuggingFace = walkUntil(
				this.browser.get(HfOAuth2Registration.LOGIN_URL + "?" + query), trail, (response) -> true);
		URI callback = SpaceSignIn.approveOnHuggingFace(this.browser, toHuggingFace);
		HttpResponse<String> landed = walk(this.browser.get(callback + "&" + query), trail);

		assertThat(landed.statusCode()).as("where the user lands: %s", trail).isEqualTo(200);
		assertThat(landed.uri()).as(trail.toString()).isEqualTo(this.browser.url("/"));
		assertSignedIn(trail);

		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", Browser.csrfToken(Browser.page(landed)));
		PARAMETERS.forEach((parameter) -> form.put(parameter, spelling.value(target)));
		HttpResponse<String> signedOut = this.browser.post("/logout?" + query, form);
		trail.add(signedOut);
		assertThat(signedOut.statusCode()).as(trail.toString()).isEqualTo(302);
		assertSameOrigin(signedOut.headers().firstValue("Location").orElseThrow(), trail);
		assertThat(Browser.location(signedOut)).as(trail.toString()).isEqualTo(this.browser.url("/"));
		assertThat(signedIn()).as("signed out after %s", trail).isFalse();
	}

	static Stream<String> firstRequestPaths() {
		Stream<String> paths = Stream.of("//evil.example", "////evil.example", "/%5Cevil.example",
				"/https:evil.example", "/%2F%2Fevil.example", "/%2F/evil.example", "/%2f%2fevil.example",
				"/account//evil.example", "/account/..//evil.example", "/%09/evil.example");
		// And a protected page whose query carries the target: Spring Security saves the query too.
		Stream<String> queries = TARGETS.stream().map((target) -> "/account?" + Spelling.ENCODED.query(target));
		return Stream.concat(paths, queries);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("firstRequestPaths")
	void firstRequestedPageDoesNotSendTheUserAway(String pathAndQuery) {
		Trail trail = new Trail();
		HttpResponse<String> first = this.browser.get("http://localhost:" + this.port + pathAndQuery);
		HttpResponse<String> end = walk(first, trail);
		if (!signedIn()) {
			// The app refused the page (400), so nothing was saved: a sign-in now must still
			// land on the app.
			assertThat(end.statusCode()).as(trail.toString()).isBetween(400, 499);
			walk(this.browser.get(HfOAuth2Registration.LOGIN_URL), trail);
		}
		assertSignedIn(trail);
	}

	// java.net.http refuses these request targets, so they go over a socket, in the session of
	// a browser that has already been sent to sign in from /account.
	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("rawFirstRequestTargets")
	void firstRequestedPageSentAsRawBytesDoesNotSendTheUserAway(String requestTarget) throws IOException {
		Trail trail = new Trail();
		walkUntil(this.browser.get("/account"), trail, (response) -> true);
		String session = this.browser.cookie("JSESSIONID");
		assertThat(session).as(trail.toString()).isNotNull();

		RawHttp.Response raw = RawHttp.send(this.port, "GET", requestTarget,
				List.of("Accept: " + Browser.HTML, "Cookie: JSESSIONID=" + session), null);
		trail.add("GET " + requestTarget + " (raw) -> " + raw.status() + " " + raw.header("Location").orElse(""));
		assertThat(raw.status()).as(trail.toString()).isLessThan(500);
		raw.header("Location").ifPresent((location) -> assertSameOrigin(location, trail));

		HttpResponse<String> landed = walk(this.browser.get(HfOAuth2Registration.LOGIN_URL), trail);
		assertThat(landed.uri().getPort()).as(trail.toString()).isEqualTo(this.port);
		assertSignedIn(trail);
	}

	static Stream<String> rawFirstRequestTargets() {
		return Stream.of("/\\evil.example", "https:evil.example", "%2F%2Fevil.example", "\\\\evil.example",
				"/\t/evil.example", "/%zz/evil.example", "http://evil.example/account", "//evil.example/account");
	}

	/**
	 * Follows the answers to their end, one hop at a time, checking every redirect the app
	 * sends and playing Hugging Face's proxy for the one Hugging Face sends.
	 */
	private HttpResponse<String> walk(HttpResponse<String> first, Trail trail) {
		return walkUntil(first, trail, (response) -> false);
	}

	private HttpResponse<String> walkUntil(HttpResponse<String> first, Trail trail,
			Predicate<HttpResponse<String>> done) {
		HttpResponse<String> current = first;
		for (int hops = 0;; hops++) {
			trail.add(current);
			assertThat(current.statusCode()).as("no server error: %s", trail).isLessThan(500);
			if (!Browser.isRedirect(current)) {
				return current;
			}
			String location = current.headers().firstValue("Location").orElseThrow(
					() -> new AssertionError("A redirect without Location: " + trail));
			boolean fromHuggingFace = current.uri().toString().startsWith(huggingFace.baseUrl());
			if (!fromHuggingFace) {
				assertSameOrigin(location, trail);
			}
			if (done.test(current)) {
				return current;
			}
			if (hops == 10) {
				fail("Too many redirects: " + trail);
			}
			URI next;
			if (fromHuggingFace) {
				next = SpaceSignIn.viaSpaceProxy(this.browser, location);
			}
			else if (location.startsWith("https://" + SpaceSignIn.SPACE_HOST + "/")) {
				// The app may name its public origin; the test plays the proxy there too.
				next = SpaceSignIn.onApp(this.browser, location);
			}
			else {
				next = current.uri().resolve(location);
			}
			current = this.browser.get(next.toString());
		}
	}

	/**
	 * A redirect the app sends must stay on the app, or go to Hugging Face's authorize
	 * endpoint. Read as a browser reads it (WHATWG URL): surrounding blanks and tabs or
	 * newlines anywhere are dropped, and a backslash counts as a slash.
	 */
	private void assertSameOrigin(String location, Trail trail) {
		String asRead = location.replaceAll("[\\t\\n\\r]", "")
			.replaceAll("^[\\x00-\\x20]+|[\\x00-\\x20]+$", "")
			.replace('\\', '/');
		if (asRead.startsWith("/")) {
			assertThat(asRead).as("Location '%s' is protocol-relative: %s", location, trail).doesNotStartWith("//");
			return;
		}
		// The app's origin as the test reaches it, its public origin in the Space, and
		// Hugging Face's authorize endpoint.
		List<String> allowed = List.of("http://localhost:" + this.port + "/", "https://" + SpaceSignIn.SPACE_HOST + "/",
				huggingFace.baseUrl() + "/oauth/authorize?");
		if (allowed.stream().noneMatch((prefix) -> asRead.regionMatches(true, 0, prefix, 0, prefix.length()))) {
			fail("The app sent the browser to '" + location + "', which is not on the app: " + trail);
		}
	}

	private boolean signedIn() {
		return this.browser.getJson("/api/me").statusCode() == 200;
	}

	private void assertSignedIn(Trail trail) {
		assertThat(signedIn()).as("signed in after %s", trail).isTrue();
	}

	/** How a target is written into a query string. */
	enum Spelling {

		/** As typed into the address bar: only what a URI cannot hold is escaped. */
		AS_TYPED {
			@Override
			String query(String target) {
				return everyParameter(target.replace("\\", "%5C").replace("\t", "%09"));
			}
		},

		/** Form-encoded once: the app reads the target itself. */
		ENCODED {
			@Override
			String query(String target) {
				return everyParameter(encode(target));
			}
		},

		/** Form-encoded twice: the app reads the target still encoded, as a naive check might. */
		DOUBLE_ENCODED {
			@Override
			String query(String target) {
				return everyParameter(encode(encode(target)));
			}
		};

		abstract String query(String target);

		/** The value the app reads from each parameter of {@link #query}. */
		String value(String target) {
			String query = query(target);
			String first = query.substring(query.indexOf('=') + 1, query.indexOf('&'));
			return URLDecoder.decode(first, StandardCharsets.UTF_8);
		}

		private static String everyParameter(String valueOnTheWire) {
			return PARAMETERS.stream()
				.map((parameter) -> parameter + "=" + valueOnTheWire)
				.collect(Collectors.joining("&"));
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

	/** Every hop so far, for the assertion messages. */
	private static final class Trail {

		private final List<String> hops = new ArrayList<>();

		void add(HttpResponse<String> response) {
			add(response.request().method() + " " + response.uri() + " -> " + response.statusCode()
					+ response.headers().firstValue("Location").map((location) -> " " + location).orElse(""));
		}

		void add(String hop) {
			this.hops.add(hop);
		}

		@Override
		public String toString() {
			return "\n  " + String.join("\n  ", this.hops);
		}

	}

}
