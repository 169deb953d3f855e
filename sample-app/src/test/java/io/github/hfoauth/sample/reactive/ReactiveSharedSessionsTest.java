package io.github.hfoauth.sample.reactive;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.sample.Browser;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two WebFlux instances sharing sessions in Redis: the user must not notice which instance
 * answers.
 */
class ReactiveSharedSessionsTest extends ReactiveSharedSessionsHarness {

	@Test
	void aSignInBegunOnOneInstanceCompletesOnTheOtherAndWorksOnBoth() {
		HttpResponse<String> account = this.onA.get("/account");
		HttpResponse<String> toAuthorize = this.onA.follow(account);
		HttpResponse<String> approved = this.onA.follow(toAuthorize);
		URI callbackForA = Browser.location(approved);
		assertThat(callbackForA.getPort()).isEqualTo(port(this.instanceA));

		// The load balancer sends Hugging Face's redirect to the other instance.
		HttpResponse<String> signedIn = this.onB.get(onInstance(callbackForA, this.instanceB));

		assertThat(signedIn.statusCode()).as("B's answer to the callback: %s", signedIn.body()).isEqualTo(302);
		HttpResponse<String> page = this.onA.get(onInstance(Browser.location(signedIn), this.instanceA));
		assertThat(page.uri().getPath()).isEqualTo("/account");
		assertThat(Browser.page(page).body().text()).contains("Your account", "Ada Lovelace", "acme, open-science, team-2");
		assertThat(signedInAs(this.onA)).isEqualTo("ada");
		assertThat(signedInAs(this.onB)).isEqualTo("ada");
		assertThat(Browser.page(this.onB.get("/account")).body().text()).contains("Ada Lovelace");
	}

	@Test
	void logoutOnOneInstanceSignsOutOnTheOther() {
		signIn(this.onA);
		assertThat(signedInAs(this.onB)).isEqualTo("ada");

		String csrfToken = Browser.csrfToken(Browser.page(this.onB.get("/")));
		HttpResponse<String> signedOut = this.onB.post("/logout", Map.of("_csrf", csrfToken));

		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(this.onA.getJson("/api/me").statusCode()).isEqualTo(401);
		assertThat(this.onB.getJson("/api/me").statusCode()).isEqualTo(401);
		assertThat(Browser.page(this.onA.get("/")).body().text()).contains("Sign in with Hugging Face");
	}

	@Test
	void theSessionStoreHoldsNeitherTheClientSecretNorTheDiscoveryDocument() {
		signIn(this.onA);
		assertThat(signedInAs(this.onB)).isEqualTo("ada");

		Map<String, byte[]> stored = storedSession(this.instanceA, this.onA);

		stored.forEach((field, value) -> assertThat(new String(value, StandardCharsets.ISO_8859_1))
			.as("session field %s", field)
			.doesNotContain(FakeHuggingFace.DEFAULT_CLIENT_SECRET, ClientRegistration.class.getName(), "jwks_uri",
					"token_endpoint_auth_methods_supported", this.huggingFace.baseUrl() + "/oauth/token"));
		assertThat(stored.keySet()).as("the tokens are in the session")
			.anyMatch((field) -> field.contains("HfWebSessionAuthorizedClientRepository"));
	}

}
