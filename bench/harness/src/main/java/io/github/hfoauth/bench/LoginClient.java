package io.github.hfoauth.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser doing the full sign-in round trip, redirect by redirect: the app's authorization
 * URL, the fake Hugging Face's authorize endpoint, the app's callback. Each login has its own
 * cookies; the HTTP connections are shared, as a load test's would be.
 */
final class LoginClient {

	static final String LOGIN_PATH = "/oauth2/authorization/huggingface";

	static final String SESSION_COOKIE = "JSESSIONID";

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * A completed login: the signed-in session and how long each leg took.
	 * @param sessionId the session cookie's value after sign-in
	 * @param appRedirectNanos the app's answer to its authorization URL
	 * @param providerNanos the provider's authorize endpoint
	 * @param callbackNanos the app's callback: token, ID token, userinfo, session
	 */
	record Login(String sessionId, long appRedirectNanos, long providerNanos, long callbackNanos) {

		long totalNanos() {
			return appRedirectNanos + providerNanos + callbackNanos;
		}

	}

	Login login(String appBaseUrl) throws IOException, InterruptedException {
		Map<String, String> cookies = new LinkedHashMap<>();
		long t0 = System.nanoTime();
		String authorize = redirect(get(appBaseUrl + LOGIN_PATH, cookies), cookies);
		long t1 = System.nanoTime();
		String callback = redirect(get(authorize, Map.of()), null);
		long t2 = System.nanoTime();
		String before = cookies.get(SESSION_COOKIE);
		String landing = redirect(get(callback, cookies), cookies);
		long t3 = System.nanoTime();
		String session = cookies.get(SESSION_COOKIE);
		if (landing.contains("error") || session == null || session.equals(before)) {
			throw new IOException("Sign-in failed: callback answered " + landing);
		}
		return new Login(session, t1 - t0, t2 - t1, t3 - t2);
	}

	/** {@code GET} with a session cookie, returning the status. */
	int status(String url, String sessionId) throws IOException, InterruptedException {
		return get(url, Map.of(SESSION_COOKIE, sessionId)).statusCode();
	}

	private HttpResponse<Void> get(String url, Map<String, String> cookies) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (!cookies.isEmpty()) {
			request.header("Cookie", cookies.entrySet()
				.stream()
				.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
				.collect(Collectors.joining("; ")));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding());
	}

	// The Location of a redirect; the Set-Cookie values go into the jar, when there is one.
	private static String redirect(HttpResponse<Void> response, Map<String, String> jar) throws IOException {
		if (response.statusCode() != 302 && response.statusCode() != 303) {
			throw new IOException(response.uri() + " answered " + response.statusCode() + " instead of a redirect");
		}
		if (jar != null) {
			for (String header : response.headers().allValues("Set-Cookie")) {
				String pair = header.split(";", 2)[0];
				int equals = pair.indexOf('=');
				jar.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
			}
		}
		return response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString();
	}

}
