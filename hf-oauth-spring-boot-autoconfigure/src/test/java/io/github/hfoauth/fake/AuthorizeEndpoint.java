package io.github.hfoauth.fake;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * {@code GET /oauth/authorize}: approves at once and redirects back with a code.
 * <p>
 * A missing nonce still yields a code, so tests can prove the client rejects an ID token
 * without the nonce it expects.
 */
final class AuthorizeEndpoint extends FakeEndpoint {

	static final String NAME = "fake-hf-authorize";

	AuthorizeEndpoint() {
		super(NAME);
	}

	@Override
	public Response transform(Response response, ServeEvent serveEvent) {
		Map<String, String> params = Requests.queryParams(serveEvent.getRequest().getUrl());
		String redirectUri = params.get("redirect_uri");
		if (redirectUri == null) {
			return Responses.error(response, 400, "invalid_request", "redirect_uri is required");
		}
		String code = new AuthorizationCode(params.get("nonce")).issue();
		return Responses.redirect(response, callback(redirectUri, code, params.get("state")));
	}

	private static String callback(String redirectUri, String code, String state) {
		StringBuilder location = new StringBuilder(redirectUri)
				.append(redirectUri.contains("?") ? '&' : '?')
				.append("code=").append(encode(code));
		if (state != null) {
			location.append("&state=").append(encode(state));
		}
		return location.toString();
	}

	// %20 rather than '+': a query string is not a form body, and clients differ on '+'.
	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
