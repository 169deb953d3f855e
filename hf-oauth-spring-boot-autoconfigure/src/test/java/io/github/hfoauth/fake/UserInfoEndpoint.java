package io.github.hfoauth.fake;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * {@code GET /oauth/userinfo}: the configured body, sent verbatim, for tokens this fake issued.
 */
final class UserInfoEndpoint extends FakeEndpoint {

	static final String NAME = "fake-hf-userinfo";

	private final FakeSettings settings;

	UserInfoEndpoint(FakeSettings settings) {
		super(NAME);
		this.settings = settings;
	}

	@Override
	public Response transform(Response response, ServeEvent serveEvent) {
		String token = Requests.credentials(serveEvent.getRequest(), "Bearer");
		if (token == null) {
			return Responses.error(response, 401, "invalid_request", "Bearer token required",
					HttpHeader.httpHeader("WWW-Authenticate", "Bearer"));
		}
		FakeSettings.SignedInUser user = settings.userOfAccessToken(token);
		if (user == null) {
			return Responses.error(response, 401, "invalid_token", "Unknown access token",
					HttpHeader.httpHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
		}
		return Responses.json(response, 200, settings.userInfoJsonOf(user));
	}

}
