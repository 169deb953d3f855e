package io.github.hfoauth.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.hfoauth.fake.LocalhostCookies;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser for sign-in flows over real HTTP: keeps cookies, follows no redirect by itself so
 * that every step can be checked.
 */
public final class TestBrowser {

	private final HttpClient client;

	private final int port;

	private final boolean inFrame;

	public TestBrowser(int port) {
		this(port, new LocalhostCookies(), false);
	}

	private TestBrowser(int port, CookieHandler cookies, boolean inFrame) {
		this.port = port;
		this.inFrame = inFrame;
		HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
		this.client = ((cookies != null) ? builder.cookieHandler(cookies) : builder).build();
	}

	/**
	 * A browser that drops every cookie, as one that blocks third-party cookies does inside
	 * the Space page's iframe.
	 * @param port the app's port
	 * @return the browser
	 */
	public static TestBrowser blockingCookies(int port) {
		return new TestBrowser(port, null, false);
	}

	/**
	 * The Space page's frame in a browser that keeps its (partitioned) cookies. Its requests
	 * say {@code Sec-Fetch-Dest: iframe}.
	 * @param port the app's port
	 * @return the browser
	 */
	public static TestBrowser frame(int port) {
		return new TestBrowser(port, new LocalhostCookies(), true);
	}

	/**
	 * A frame that drops every cookie: the Space page's iframe in a browser that blocks
	 * third-party cookies. Its navigations say {@code Sec-Fetch-Dest: iframe}, as browsers do.
	 * @param port the app's port
	 * @return the browser
	 */
	public static TestBrowser frameBlockingCookies(int port) {
		return new TestBrowser(port, null, true);
	}

	public String app(String path) {
		return "http://localhost:" + this.port + path;
	}

	public HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html"));
	}

	/**
	 * A GET as a browser makes it for a page's part or a navigation.
	 * @param url the URL
	 * @param fetchDest the {@code Sec-Fetch-Dest} the browser sends, such as {@code image}
	 * @return the answer
	 */
	public HttpResponse<String> get(String url, String fetchDest) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html"), fetchDest);
	}

	public HttpResponse<String> getJson(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json"));
	}

	public HttpResponse<String> post(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
	}

	/**
	 * Starts a sign-in and follows it through the provider back to the app's callback.
	 * @return the app's answer to the callback
	 */
	public HttpResponse<String> signIn() {
		String toProvider = location(get(app("/oauth2/authorization/huggingface")));
		String callback = location(get(toProvider));
		return get(onThisApp(callback));
	}

	/**
	 * The same path on this app: in a Space, Hugging Face sends the browser back to the
	 * Space's https host, whose proxy forwards to the app.
	 * @param url an absolute URL
	 * @return the URL with this app's origin
	 */
	public String onThisApp(String url) {
		return url.replaceFirst("^https?://[^/]+", app(""));
	}

	/**
	 * A request of one of the app's pages' scripts ({@code fetch}), as browsers mark it:
	 * {@code Sec-Fetch-Dest: empty}, {@code Sec-Fetch-Site: same-origin}.
	 * @param request the request
	 * @return the answer
	 */
	public HttpResponse<String> fetch(HttpRequest.Builder request) {
		request.setHeader("Sec-Fetch-Site", "same-origin");
		return send(request, "empty");
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		return send(request, this.inFrame ? "iframe" : "document");
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String fetchDest) {
		try {
			request.setHeader("Sec-Fetch-Dest", fetchDest);
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The id of this browser's session with the app, as its cookie carries it.
	 * @return the servlet container's ({@code JSESSIONID}) or WebFlux's ({@code SESSION}) session id
	 */
	public String sessionId() {
		LocalhostCookies cookies = (LocalhostCookies) this.client.cookieHandler().orElseThrow();
		return cookies.cookiesFor(URI.create(app("/")))
			.stream()
			.filter((cookie) -> cookie.getName().equals("JSESSIONID") || cookie.getName().equals("SESSION"))
			.map(java.net.HttpCookie::getValue)
			.findFirst()
			.orElseThrow();
	}

	public static String location(HttpResponse<?> response) {
		assertThat(response.statusCode()).as("a redirect from %s", response.uri()).isEqualTo(302);
		return response.headers().firstValue("Location").orElseThrow();
	}

}
