package io.github.hfoauth.fake;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * {@code GET /oauth/authorize}: approves at once and redirects back with a code; or, with
 * {@link FakeHuggingFace#consentPage(boolean)}, shows a consent page whose "Authorize" and
 * "Cancel" buttons post the decision back to {@code /oauth/authorize}, as huggingface.co does.
 * <p>
 * A missing nonce still yields a code, so tests can prove the client rejects an ID token
 * without the nonce it expects.
 */
final class AuthorizeEndpoint extends FakeEndpoint {

	static final String NAME = "fake-hf-authorize";

	/** The consent form's field that carries the user's decision. */
	static final String DECISION = "decision";

	static final String ALLOW = "allow";

	private final FakeSettings settings;

	AuthorizeEndpoint(FakeSettings settings) {
		super(NAME);
		this.settings = settings;
	}

	@Override
	public Response transform(Response response, ServeEvent serveEvent) {
		boolean decided = serveEvent.getRequest().getMethod().equals(RequestMethod.POST);
		Map<String, String> params = decided ? Requests.formParams(serveEvent.getRequest())
				: Requests.queryParams(serveEvent.getRequest().getUrl());
		String redirectUri = params.get("redirect_uri");
		if (redirectUri == null) {
			return Responses.error(response, 400, "invalid_request", "redirect_uri is required");
		}
		if (!decided && settings.consentPage()) {
			Response page = Responses.html(response, ConsentPage.render(params));
			return (settings.openerPolicy() == null) ? page
					: Response.Builder.like(page).but().headers(page.getHeaders()
						.plus(com.github.tomakehurst.wiremock.http.HttpHeader.httpHeader("Cross-Origin-Opener-Policy",
								settings.openerPolicy()))).build();
		}
		if (decided && !ALLOW.equals(params.get(DECISION))) {
			// What huggingface.co answers to "Cancel".
			return Responses.redirect(response, callback(redirectUri, "error=access_denied", params.get("state")));
		}
		String code = new AuthorizationCode(params.get("nonce")).issue();
		return Responses.redirect(response, callback(redirectUri, "code=" + encode(code), params.get("state")));
	}

	private static String callback(String redirectUri, String result, String state) {
		StringBuilder location = new StringBuilder(redirectUri)
				.append(redirectUri.contains("?") ? '&' : '?')
				.append(result);
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
