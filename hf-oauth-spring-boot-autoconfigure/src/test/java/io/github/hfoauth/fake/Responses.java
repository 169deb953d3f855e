package io.github.hfoauth.fake;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Builds transformer responses.
 * <p>
 * Each one starts from the stub's own response so that stub-level settings such as delays or
 * faults, which later tests may add, survive the transformation.
 */
final class Responses {

	private Responses() {
	}

	static Response json(Response stubbed, int status, String body, HttpHeader... extraHeaders) {
		HttpHeaders headers = new HttpHeaders(HttpHeader.httpHeader("Content-Type", "application/json"))
				.plus(extraHeaders);
		return Response.Builder.like(stubbed).but().status(status).headers(headers).body(body).build();
	}

	// Hugging Face's own pages may refuse to be framed: the fake's always do, so that a test
	// shows the app never depends on them inside the Space page's frame.
	static Response html(Response stubbed, String body) {
		HttpHeaders headers = new HttpHeaders(HttpHeader.httpHeader("Content-Type", "text/html; charset=utf-8"),
				HttpHeader.httpHeader("X-Frame-Options", "DENY"),
				HttpHeader.httpHeader("Content-Security-Policy", "frame-ancestors 'none'"));
		return Response.Builder.like(stubbed).but().status(200).headers(headers).body(body).build();
	}

	static Response redirect(Response stubbed, String location) {
		HttpHeaders headers = new HttpHeaders(HttpHeader.httpHeader("Location", location));
		return Response.Builder.like(stubbed).but().status(302).headers(headers).body("").build();
	}

	static Response error(Response stubbed, int status, String error, String description,
			HttpHeader... extraHeaders) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		return json(stubbed, status, JSONObjectUtils.toJSONString(body), extraHeaders);
	}

}
