package io.github.hfoauth.servlet;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Space with a custom domain, the app at a context path, the same for both web stacks. Here
 * {@code 127.0.0.1} plays the {@code hf.space} host (the first {@code SPACE_HOST} entry, where
 * Hugging Face sends every sign-in back) and {@code localhost} the custom domain. A visitor on
 * the custom domain ends signed in there, after one trip to Hugging Face.
 */
public abstract class CustomDomainContract {

	static final String CONTEXT_PATH = "/app";

	public static void space(DynamicPropertyRegistry registry, FakeHuggingFace fake, String contextPathProperty,
			int port) {
		registry.add("server.port", () -> port);
		registry.add(contextPathProperty, () -> CONTEXT_PATH);
		registry.add("SPACE_ID", () -> "ada/demo");
		registry.add("SPACE_HOST", () -> "127.0.0.1,localhost");
		registry.add("OAUTH_CLIENT_ID", () -> FakeHuggingFace.DEFAULT_CLIENT_ID);
		registry.add("OAUTH_CLIENT_SECRET", () -> FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		registry.add("OAUTH_SCOPES", () -> "openid profile");
		registry.add("OPENID_PROVIDER_URL", fake::baseUrl);
		// What Hugging Face accepts in a Space: the hf.space host (no TLS in a test).
		registry.add("hf.oauth.redirect-uri",
				() -> "http://127.0.0.1:" + port + CONTEXT_PATH + "/login/oauth2/code/huggingface");
	}

	protected abstract FakeHuggingFace fake();

	// The subclass's fixed port (the redirect URI names it), as the app was started on it.
	@Value("${local.server.port}")
	int port;

	@Test
	void aVisitorOnTheCustomDomainEndsSignedInThereAfterOneTripToHuggingFace() {
		fake().resetRequests();
		TestBrowser visitor = new TestBrowser(this.port);
		HttpResponse<String> start = visitor.get(customDomain("/oauth2/authorization/huggingface"));
		// A form the script posts to the hf.space host: the commitment in the body, never in a URL.
		assertThat(start.statusCode()).isEqualTo(200);
		assertThat(start.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(group("action=\"([^\"]+)\"", start.body())).isEqualTo(spaceHost("/hf-oauth/frame-sign-in/from-custom-domain"));
		assertThat(group("name=\"return\" value=\"([^\"]+)\"", start.body())).isEqualTo(customDomain(""));
		String toSpaceHost = startOnTheSpaceHost(visitor, start);
		assertThat(toSpaceHost).matches(Pattern.quote(spaceHost("/oauth2/authorization/huggingface?hf_start="))
				+ "[A-Za-z0-9_-]{43}");
		String toHuggingFace = location(visitor.get(toSpaceHost));
		String callback = location(visitor.get(toHuggingFace));
		assertThat(callback).startsWith(spaceHost("/login/oauth2/code/huggingface?"));

		HttpResponse<String> forward = visitor.get(callback);
		assertThat(forward.statusCode()).isEqualTo(200);
		assertThat(forward.headers().firstValue("Cache-Control")).hasValue("no-store");
		String action = group("action=\"([^\"]+)\"", forward.body());
		assertThat(action).isEqualTo(customDomain("/hf-oauth/frame-sign-in/forwarded"));
		String ticket = group("name=\"ticket\" value=\"([A-Za-z0-9_-]{43})\"", forward.body());

		HttpResponse<String> signedIn = post(visitor, action, ticket);
		assertThat(signedIn.statusCode()).isEqualTo(303);
		assertThat(signedIn.headers().firstValue("Location")).hasValue(CONTEXT_PATH + "/");
		assertThat(visitor.get(customDomain("/hello")).body()).startsWith("Hello ada");
		assertThat(visitor.get(spaceHost("/hello")).statusCode()).as("the sign-in moved: nothing left on the hf.space host")
			.isEqualTo(302);
		assertThat(fake().authorizeRequests()).hasSize(1);
	}

	@Test
	void aVisitorOnTheCustomDomainEndsOnThePageTheyAskedFor() {
		TestBrowser visitor = new TestBrowser(this.port);
		String toSignIn = location(visitor.get(customDomain("/hello")));
		assertThat(toSignIn).isEqualTo(customDomain("/oauth2/authorization/huggingface"));
		String toSpaceHost = startOnTheSpaceHost(visitor, visitor.get(toSignIn));
		String forward = visitor.get(location(visitor.get(location(visitor.get(toSpaceHost))))).body();
		String ticket = group("name=\"ticket\" value=\"([A-Za-z0-9_-]{43})\"", forward);

		HttpResponse<String> signedIn = post(visitor, customDomain("/hf-oauth/frame-sign-in/forwarded"), ticket);
		assertThat(signedIn.statusCode()).isEqualTo(303);
		// The saved page, with the context path (Spring MVC's cache adds "continue").
		assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(
				(page) -> assertThat(page).isIn(CONTEXT_PATH + "/hello", CONTEXT_PATH + "/hello?continue"));
	}

	@Test
	void aTicketPostedIntoAnotherBrowserSignsNobodyIn() {
		TestBrowser attacker = new TestBrowser(this.port);
		String toSpaceHost = startOnTheSpaceHost(attacker, attacker.get(customDomain("/oauth2/authorization/huggingface")));
		String forward = attacker.get(location(attacker.get(location(attacker.get(toSpaceHost))))).body();
		String ticket = group("name=\"ticket\" value=\"([A-Za-z0-9_-]{43})\"", forward);

		// The attacker's page makes the victim's browser post the attacker's ticket.
		TestBrowser victim = new TestBrowser(this.port);
		victim.get(customDomain("/oauth2/authorization/huggingface"));
		HttpResponse<String> refused = post(victim, customDomain("/hf-oauth/frame-sign-in/forwarded"), ticket);
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("This sign-in was not started in this browser");
		assertThat(victim.get(customDomain("/hello")).statusCode()).isEqualTo(302);
	}

	@Test
	void onlyASpaceHostMayReceiveTheSignIn() {
		TestBrowser browser = new TestBrowser(this.port);
		HttpResponse<String> refused = postForm(browser, spaceHost("/hf-oauth/frame-sign-in/from-custom-domain"),
				"commitment=" + "a".repeat(43) + "&return=https%3A%2F%2Fevil.example%2Fapp");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("did not start on an address of this Space: start it again from the app")
			.doesNotContain("evil.example");
		HttpResponse<String> itself = postForm(browser, spaceHost("/hf-oauth/frame-sign-in/from-custom-domain"),
				"commitment=" + "a".repeat(43) + "&return=" + "http%3A%2F%2F127.0.0.1%3A" + this.port + "%2Fapp");
		assertThat(itself.statusCode()).as("the hf.space host itself is no custom domain").isEqualTo(400);
		HttpResponse<String> malformed = postForm(browser, spaceHost("/hf-oauth/frame-sign-in/from-custom-domain"),
				"commitment=short&return=" + "http%3A%2F%2Flocalhost%3A" + this.port + "%2Fapp");
		assertThat(malformed.statusCode()).isEqualTo(400);
		// Another site's form, with a commitment of its own: it would replace a sign-in in progress.
		HttpResponse<String> foreign = postForm(browser, spaceHost("/hf-oauth/frame-sign-in/from-custom-domain"),
				"https://evil.example", "commitment=" + "a".repeat(43) + "&return=" + "http%3A%2F%2Flocalhost%3A" + this.port
						+ "%2Fapp");
		assertThat(foreign.statusCode()).as("posted from another site").isEqualTo(400);
		// Nothing was kept: the next sign-in here is a plain one, with no ticket for anyone.
		HttpResponse<String> plain = browser.get(location(browser.get(location(browser.get(
				spaceHost("/oauth2/authorization/huggingface"))))));
		assertThat(plain.statusCode()).isEqualTo(302);
		assertThat(plain.body()).doesNotContain("ticket");
	}

	// Anyone may start a custom domain's sign-in for a victim, with a commitment to their own
	// secret (a link, or a form on their site that posts it): the victim is handed back to the
	// custom domain, and the secret finds nothing.
	@Test
	void aCustomDomainsTicketIsNeverFoundByASecret() {
		String secret = "the-attackers-own-secret-0000000000000000000";
		String commitment = FrameSignInContract.sha256(secret);
		TestBrowser victim = new TestBrowser(this.port);
		HttpResponse<String> linked = victim.get(location(victim.get(location(victim.get(spaceHost(
				"/oauth2/authorization/huggingface?hf_frame=" + commitment + "&hf_return=http%3A%2F%2Flocalhost%3A"
						+ this.port + "%2Fapp"))))));
		assertThat(linked.statusCode()).as("a link's parameters count for nothing: a plain sign-in").isEqualTo(302);
		assertThat(linked.body()).doesNotContain("ticket");

		TestBrowser posted = new TestBrowser(this.port);
		String toSpaceHost = seeOther(postForm(posted, spaceHost("/hf-oauth/frame-sign-in/from-custom-domain"),
				"commitment=" + commitment + "&return=http%3A%2F%2Flocalhost%3A" + this.port + "%2Fapp"));
		HttpResponse<String> forward = posted.get(location(posted.get(location(posted.get(toSpaceHost)))));
		assertThat(forward.statusCode()).isEqualTo(200);
		assertThat(forward.body()).contains("name=\"ticket\"");

		TestBrowser attacker = TestBrowser.frame(this.port);
		String csrf = attacker.getJson(spaceHost("/hf-oauth/frame-sign-in")).body();
		HttpResponse<String> asked = attacker.send(HttpRequest.newBuilder(URI.create(spaceHost("/hf-oauth/frame-sign-in")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header(group("\"header\":\"([^\"]+)\"", csrf), group("\"token\":\"([^\"]+)\"", csrf))
			.POST(HttpRequest.BodyPublishers.ofString("secret=" + secret)));
		assertThat(asked.statusCode()).as("nothing for the secret").isEqualTo(202);
		assertThat(attacker.get(spaceHost("/hello")).statusCode()).as("the attacker, signed out").isEqualTo(302);
	}

	// Earlier, on the Space page, this browser's pop-up (on the hf.space host) handed its sign-in to
	// the frame, which redeemed it by its secret; the pop-up's session still holds the spent
	// hand-over. A sign-in started on the custom domain must still end there.
	@Test
	void aVisitorWhoseHfSpaceSessionHandedASignInOverEndsSignedInOnTheCustomDomain() {
		TestBrowser visitor = new TestBrowser(this.port);
		String csrf = visitor.fetch(HttpRequest.newBuilder(URI.create(spaceHost("/hf-oauth/frame-sign-in")))
			.header("Accept", "application/json")).body();
		String secret = "the-frames-own-secret-on-the-space-page-0000";
		HttpResponse<String> posted = visitor.fetch(HttpRequest.newBuilder(URI.create(spaceHost("/hf-oauth/frame-sign-in/pop-up")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header(group("\"header\":\"([^\"]+)\"", csrf), group("\"token\":\"([^\"]+)\"", csrf))
			.POST(HttpRequest.BodyPublishers.ofString("commitment=" + FrameSignInContract.sha256(secret))));
		String start = "http://127.0.0.1:" + this.port + group("\"location\":\"([^\"]+)\"", posted.body());
		HttpResponse<String> handOver = visitor.get(location(visitor.get(location(visitor.get(start)))));
		assertThat(handOver.body()).contains("name=\"hf-oauth-ticket\"");
		TestBrowser frame = TestBrowser.frame(this.port);
		String frameCsrf = frame.fetch(HttpRequest.newBuilder(URI.create(spaceHost("/hf-oauth/frame-sign-in")))
			.header("Accept", "application/json")).body();
		assertThat(frame.fetch(HttpRequest.newBuilder(URI.create(spaceHost("/hf-oauth/frame-sign-in")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header(group("\"header\":\"([^\"]+)\"", frameCsrf), group("\"token\":\"([^\"]+)\"", frameCsrf))
			.POST(HttpRequest.BodyPublishers.ofString("secret=" + secret))).statusCode()).isEqualTo(200);

		String toSpaceHost = startOnTheSpaceHost(visitor, visitor.get(customDomain("/oauth2/authorization/huggingface")));
		HttpResponse<String> forward = visitor.get(location(visitor.get(location(visitor.get(toSpaceHost)))));
		assertThat(forward.body()).as("handed back to the custom domain").contains("name=\"ticket\"");
		HttpResponse<String> signedIn = post(visitor, customDomain("/hf-oauth/frame-sign-in/forwarded"),
				group("name=\"ticket\" value=\"([A-Za-z0-9_-]{43})\"", forward.body()));
		assertThat(signedIn.statusCode()).isEqualTo(303);
		assertThat(visitor.get(customDomain("/hello")).body()).startsWith("Hello ada");
	}

	// What the custom domain's page makes the browser do: post its form to the hf.space host,
	// saying where it came from, as browsers do.
	private String startOnTheSpaceHost(TestBrowser browser, HttpResponse<String> page) {
		assertThat(page.statusCode()).isEqualTo(200);
		HttpResponse<String> started = postForm(browser, group("action=\"([^\"]+)\"", page.body()), customDomain(""),
				"commitment=" + group("name=\"commitment\" value=\"([A-Za-z0-9_-]{43})\"", page.body()) + "&return="
						+ URLEncoder.encode(group("name=\"return\" value=\"([^\"]+)\"", page.body()),
								StandardCharsets.UTF_8));
		return seeOther(started);
	}

	// A POST's answer that the browser follows with a GET.
	private static String seeOther(HttpResponse<?> response) {
		assertThat(response.statusCode()).as("a 303 from %s", response.uri()).isEqualTo(303);
		String location = response.headers().firstValue("Location").orElseThrow();
		return response.uri().resolve(location).toString();
	}

	private static HttpResponse<String> postForm(TestBrowser browser, String url, String form) {
		return browser.send(formPost(url, form));
	}

	private static HttpResponse<String> postForm(TestBrowser browser, String url, String origin, String form) {
		return browser.send(formPost(url, form).header("Origin", origin.replaceFirst("(//[^/]+).*", "$1")));
	}

	private static HttpRequest.Builder formPost(String url, String form) {
		return HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form));
	}

	String spaceHost(String path) {
		return "http://127.0.0.1:" + this.port + CONTEXT_PATH + path;
	}

	String customDomain(String path) {
		return "http://localhost:" + this.port + CONTEXT_PATH + path;
	}

	private static HttpResponse<String> post(TestBrowser browser, String url, String ticket) {
		return postForm(browser, url, "ticket=" + ticket);
	}

	// WebFlux redirects within the app with a path, where Spring MVC writes an absolute URL.
	private static String location(HttpResponse<?> response) {
		String location = TestBrowser.location(response);
		if (location.startsWith("/")) {
			URI uri = response.uri();
			return uri.getScheme() + "://" + uri.getRawAuthority() + location;
		}
		return location;
	}

	private static String group(String regex, String text) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
		return URLDecoder.decode(matcher.group(1).replace("&amp;", "&"), StandardCharsets.UTF_8);
	}

}
