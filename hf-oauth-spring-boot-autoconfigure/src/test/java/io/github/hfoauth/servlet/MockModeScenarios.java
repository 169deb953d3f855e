package io.github.hfoauth.servlet;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.hfoauth.fake.OtherAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a visitor of an app in mock mode sees, over real HTTP, the same for both web stacks: each
 * stack's login tests run these against their own app ({@code DefaultChainLoginTests},
 * {@code ReactiveLoginTests}), whose {@code /hello} greets the signed-in user.
 */
public final class MockModeScenarios {

	private MockModeScenarios() {
	}

	/**
	 * A visitor from another address is refused, page and API, with the property to set.
	 * @param port the app's port
	 */
	public static void assertAVisitorFromAnotherAddressIsRefusedWithThePropertyToSet(int port) {
		HttpResponse<String> signIn = OtherAddress.get(port, "/oauth2/authorization/huggingface", "text/html");
		assertThat(signIn.statusCode()).isEqualTo(403);
		assertThat(signIn.headers().firstValue("Set-Cookie")).as("no session, no mock user").isEmpty();
		assertThat(signIn.body()).contains("Mock mode: local requests only", "hf.oauth.mock.allow-remote=true");
		HttpResponse<String> api = OtherAddress.get(port, "/hello", "application/json");
		assertThat(api.statusCode()).isEqualTo(403);
		assertThat(api.body()).startsWith("{\"error\":\"hf_mock_remote_refused\"").contains("hf.oauth.mock.allow-remote=true");
	}

	/**
	 * X-Forwarded-For and Forwarded naming loopback, from another address: never the mock user.
	 * @param port the app's port
	 */
	public static void assertForgedForwardedHeadersAreRefused(int port) {
		HttpResponse<String> signIn = OtherAddress.get(port, "/oauth2/authorization/huggingface", "text/html",
				"X-Forwarded-For", "127.0.0.1", "Forwarded", "for=127.0.0.1", "X-Real-IP", "127.0.0.1");
		assertThat(signIn.statusCode()).isEqualTo(403);
		assertThat(signIn.headers().firstValue("Set-Cookie")).as("no session, no mock user").isEmpty();
		assertThat(signIn.body()).contains("Mock mode: local requests only");
	}

	/**
	 * With {@code hf.oauth.mock.allow-remote=true}, a visitor from another address signs in as
	 * the mock user, and gets the stack's session cookie.
	 * @param port the app's port
	 * @param sessionCookie {@code JSESSIONID} or {@code SESSION}
	 */
	public static void assertAVisitorFromAnotherAddressSignsIn(int port, String sessionCookie) {
		HttpResponse<String> signIn = OtherAddress.get(port, "/oauth2/authorization/huggingface", "text/html");
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).startsWith(sessionCookie + "="));
	}

	/**
	 * A visitor on this machine signs in, and gets the stack's session cookie.
	 * @param port the app's port
	 * @param sessionCookie {@code JSESSIONID} or {@code SESSION}
	 */
	public static void assertALocalVisitorSignsIn(int port, String sessionCookie) {
		HttpResponse<String> signIn = new TestBrowser(port).get("http://localhost:" + port + "/oauth2/authorization/huggingface");
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).startsWith(sessionCookie + "="));
	}

	/**
	 * Mock mode hands nothing over to a Space page's frame: a frame's script still opens the
	 * pop-up's page, whose script's first step (the CSRF answer) is not there, so it starts a
	 * plain sign-in, which signs the mock user in.
	 * @param port the app's port
	 */
	public static void assertAFramesPopUpPageSignsTheMockUserInPlainly(int port) {
		TestBrowser popUp = new TestBrowser(port);
		HttpResponse<String> page = popUp.get(popUp.app("/hf-oauth/frame-sign-in/pop-up"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("name=\"hf-oauth-pop-up\" content=\"/oauth2/authorization/huggingface\"");
		HttpResponse<String> csrf = popUp.fetch(HttpRequest.newBuilder(URI.create(popUp.app("/hf-oauth/frame-sign-in")))
			.header("Accept", "application/json"));
		assertThat(csrf.statusCode()).as("nothing to post the commitment to").isNotEqualTo(200);
		assertThat(popUp.get(popUp.app("/oauth2/authorization/huggingface")).statusCode()).isEqualTo(302);
		assertThat(popUp.get(popUp.app("/hello")).body()).startsWith("Hello mock-user");
	}

}
