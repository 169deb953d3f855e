package io.github.hfoauth.fake;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** Reads what the fake needs from incoming requests. */
final class Requests {

	private Requests() {
	}

	static Map<String, String> queryParams(String url) {
		int query = url.indexOf('?');
		if (query < 0) {
			return Map.of();
		}
		int fragment = url.indexOf('#', query);
		return decodePairs(url.substring(query + 1, (fragment < 0) ? url.length() : fragment));
	}

	static Map<String, String> formParams(LoggedRequest request) {
		return decodePairs(request.getBodyAsString());
	}

	/**
	 * The credentials of the {@code Authorization} header when it uses the given scheme
	 * (case-insensitive, e.g. {@code Basic}), otherwise {@code null}.
	 */
	static String credentials(LoggedRequest request, String scheme) {
		HttpHeader header = request.getHeaders().getHeader("Authorization");
		String value = header.isPresent() ? header.firstValue() : "";
		String prefix = scheme + " ";
		boolean matches = value.regionMatches(true, 0, prefix, 0, prefix.length());
		return matches ? value.substring(prefix.length()).trim() : null;
	}

	// First value wins: OAuth 2 forbids repeated parameters, so a test never needs the others.
	private static Map<String, String> decodePairs(String encoded) {
		Map<String, String> params = new LinkedHashMap<>();
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			params.putIfAbsent(decode(name), decode(value));
		}
		return Collections.unmodifiableMap(params);
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

}
