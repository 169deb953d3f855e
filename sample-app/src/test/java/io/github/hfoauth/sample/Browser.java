package io.github.hfoauth.sample;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.LocalhostCookies;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser, as far as a sign-in needs one: it keeps cookies and follows redirects only when
 * asked, one hop at a time, so that a test sees every hop of the flow. It talks only to this
 * machine, so a wrong redirect fails the test instead of reaching the internet.
 */
public final class Browser {

	public static final String HTML = "text/html,application/xhtml+xml,*/*;q=0.8";

	private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

	private static final int MAX_REDIRECTS = 10;

	private final URI origin;

	private final LocalhostCookies cookies;

	private final HttpClient client;

	public Browser(int port) {
		this(port, new LocalhostCookies());
	}

	/**
	 * A browser on another instance of the app with the same cookie jar: cookies do not tell
	 * ports apart, so it shares the session, as a browser behind a load balancer would.
	 */
	public Browser(int port, LocalhostCookies cookies) {
		this.origin = URI.create("http://localhost:" + port);
		this.cookies = cookies;
		this.client = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** The app's URL for a path such as {@code /api/me}; absolute URLs are returned as they are. */
	public URI url(String pathOrUrl) {
		return this.origin.resolve(pathOrUrl);
	}

	/** Navigates to a page, as a browser does. */
	public HttpResponse<String> get(String pathOrUrl) {
		return send(request(url(pathOrUrl)).header("Accept", HTML).GET());
	}

	/** Calls an API the way a script would: asking for JSON. */
	public HttpResponse<String> getJson(String pathOrUrl) {
		return send(request(url(pathOrUrl)).header("Accept", "application/json").GET());
	}

	/** Submits a form. */
	public HttpResponse<String> post(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(request(url(path)).header("Accept", HTML)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * Submits a form as a page's script does, and reads the answer as it arrives.
	 * @param path where to post
	 * @param form the fields
	 * @param csrfToken sent as the {@code X-CSRF-TOKEN} header
	 * @return the answer, whose body is read as it arrives (close it to go away)
	 */
	public HttpResponse<java.io.InputStream> postStreaming(String path, Map<String, String> form, String csrfToken) {
		String body = form.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		try {
			return this.client.send(request(url(path)).header("Accept", "application/x-ndjson")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("X-CSRF-TOKEN", csrfToken)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Where a redirect points, resolved against the URL that answered with it. */
	public static URI location(HttpResponse<?> response) {
		String location = response.headers()
			.firstValue("Location")
			.orElseThrow(() -> new AssertionError("No Location in the " + response.statusCode() + " answer to "
					+ response.request().method() + " " + response.uri()));
		return response.uri().resolve(location);
	}

	public static boolean isRedirect(HttpResponse<?> response) {
		return response.statusCode() >= 300 && response.statusCode() < 400;
	}

	/** Follows one redirect. */
	public HttpResponse<String> follow(HttpResponse<String> redirect) {
		if (!isRedirect(redirect)) {
			throw new AssertionError("Expected a redirect from " + redirect.uri() + " but got "
					+ redirect.statusCode() + ": " + redirect.body());
		}
		return get(location(redirect).toString());
	}

	/** Follows redirects until a page answers. */
	public HttpResponse<String> followRedirects(HttpResponse<String> response) {
		HttpResponse<String> current = response;
		for (int hops = 0; isRedirect(current); hops++) {
			if (hops == MAX_REDIRECTS) {
				throw new AssertionError("Too many redirects, the last to " + location(current));
			}
			current = follow(current);
		}
		return current;
	}

	/**
	 * Signs in through the fake Hugging Face (it consents at once), following every redirect.
	 * @return the page the sign-in lands on, which answered 200
	 */
	public HttpResponse<String> signIn() {
		HttpResponse<String> home = followRedirects(get(HfOAuth2Registration.LOGIN_URL));
		if (home.statusCode() != 200) {
			throw new AssertionError("After signing in: " + home.statusCode() + " " + home.body());
		}
		return home;
	}

	/**
	 * Signs out as the sample's home page does: {@code POST /logout} with its form's CSRF token.
	 * @return the answer, a redirect
	 */
	public HttpResponse<String> signOut() {
		HttpResponse<String> signedOut = post("/logout", Map.of("_csrf", csrfToken(page(get("/")))));
		if (signedOut.statusCode() != 302) {
			throw new AssertionError("Signing out: " + signedOut.statusCode() + " " + signedOut.body());
		}
		return signedOut;
	}

	/** The cookie jar, to share with a browser on another instance. */
	public LocalhostCookies cookies() {
		return this.cookies;
	}

	/** The value of a cookie the app set, or {@code null}. */
	public String cookie(String name) {
		List<HttpCookie> matching = this.cookies.cookiesFor(this.origin);
		return matching.stream().filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

	/** Parses a page, to read it as a user sees it. */
	public static Document page(HttpResponse<String> response) {
		return Jsoup.parse(response.body(), response.uri().toString());
	}

	/** The CSRF token of the page's sign-out form, as a browser would submit it. */
	public static String csrfToken(Document page) {
		Element field = page.selectFirst("form[action=/logout] input[type=hidden][name=_csrf]");
		if (field == null || field.val().isBlank()) {
			throw new AssertionError("The page has no sign-out form with a CSRF token:\n" + page.body());
		}
		return field.val();
	}

	private HttpRequest.Builder request(URI uri) {
		if (!LOCAL_HOSTS.contains(uri.getHost())) {
			throw new AssertionError("The test browser does not leave this machine, but was sent to " + uri);
		}
		return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
