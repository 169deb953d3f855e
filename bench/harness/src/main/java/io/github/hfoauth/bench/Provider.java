package io.github.hfoauth.bench;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.hfoauth.fake.FakeHuggingFace;

/** What the fake Hugging Face saw: requests per endpoint and the time it spent on them. */
final class Provider {

	static final String AUTHORIZE = "/oauth/authorize";

	static final List<String> ENDPOINTS = List.of("/.well-known/openid-configuration", AUTHORIZE,
			"/oauth/token", "/oauth/jwks", "/oauth/userinfo");

	/** Requests per endpoint path, and the milliseconds the fake took to serve them. */
	record Traffic(Map<String, Integer> requests, Map<String, Long> serveMillis) {

		int count(String path) {
			return requests.getOrDefault(path, 0);
		}

		/** Requests the app itself sent (everything but the browser's authorize). */
		int fromApp() {
			return (int) sentByApp(requests);
		}

		long appCallMillis() {
			return sentByApp(serveMillis);
		}

		private static long sentByApp(Map<String, ? extends Number> perPath) {
			return perPath.entrySet()
				.stream()
				.filter((entry) -> !entry.getKey().equals(AUTHORIZE))
				.mapToLong((entry) -> entry.getValue().longValue())
				.sum();
		}

	}

	private final FakeHuggingFace fake;

	Provider(FakeHuggingFace fake) {
		this.fake = fake;
	}

	/** Each sign-in a different user, or the fake's one user again (see {@link FakeHuggingFace#distinctUsers}). */
	void distinctUsers(boolean distinct) {
		this.fake.distinctUsers(distinct);
	}

	String url() {
		return this.fake.baseUrl();
	}

	/** The traffic since the last call, which forgets it (keeps the fake's journal small). */
	Traffic take() {
		Map<String, Integer> requests = new TreeMap<>();
		Map<String, Long> millis = new TreeMap<>();
		for (ServeEvent event : this.fake.server().getAllServeEvents()) {
			String path = URI.create(event.getRequest().getUrl()).getPath();
			requests.merge(path, 1, Integer::sum);
			// A request still being served has no timing yet.
			Integer serve = (event.getTiming() != null) ? event.getTiming().getServeTime() : null;
			millis.merge(path, (serve != null) ? serve.longValue() : 0L, Long::sum);
		}
		this.fake.resetRequests();
		return new Traffic(requests, millis);
	}

}
