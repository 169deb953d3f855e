package io.github.hfoauth;

import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the store of frame tickets is full, the pop-up's sign-in ends as a plain one (the
 * wrapped handler's answer, here Spring Security's back to the saved page, signed in there), on
 * both stacks: never an error page.
 */
class FrameTicketsFullTests {

	private static final String COMMITMENT = HfFrameTickets.commitmentOf("the-frames-secret");

	private final HfFrameTickets<HfFrameSignIn.SignIn> full = new HfFrameTickets<>(Clock.systemUTC(), 0);

	private final Authentication ada = new TestingAuthenticationToken("ada", null, "ROLE_USER");

	private final OAuth2AuthorizedClient client = new OAuth2AuthorizedClient(ClientRegistration
		.withRegistrationId(HfOAuth2Registration.REGISTRATION_ID)
		.clientId("client")
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
		.authorizationUri("https://huggingface.example/oauth/authorize")
		.tokenUri("https://huggingface.example/oauth/token")
		.build(), "ada", new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "hf_token", Instant.now(),
				Instant.now().plusSeconds(3600)));

	@Test
	void theServletPopUpSignsInAsAPlainSignIn() throws Exception {
		HttpSessionOAuth2AuthorizedClientRepository authorizedClients = new HttpSessionOAuth2AuthorizedClientRepository();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login/oauth2/code/huggingface");
		MockHttpServletResponse response = new MockHttpServletResponse();
		request.getSession().setAttribute(HfFrameSignIn.COMMITMENT_ATTRIBUTE, COMMITMENT);
		authorizedClients.saveAuthorizedClient(this.client, this.ada, request, response);

		new HfFrameSignInSuccessHandler(this.full, authorizedClients,
				new SavedRequestAwareAuthenticationSuccessHandler()).onAuthenticationSuccess(request, response, this.ada);

		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getRedirectedUrl()).isEqualTo("/");
		assertThat(response.getContentAsString()).doesNotContain("hf-oauth-ticket");
	}

	@Test
	void theReactivePopUpSignsInAsAPlainSignIn() {
		WebSessionServerOAuth2AuthorizedClientRepository authorizedClients = new WebSessionServerOAuth2AuthorizedClientRepository();
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/login/oauth2/code/huggingface"));
		exchange.getSession().block().getAttributes().put(HfFrameSignIn.COMMITMENT_ATTRIBUTE, COMMITMENT);
		authorizedClients.saveAuthorizedClient(this.client, this.ada, exchange).block();

		new HfServerFrameSignInSuccessHandler(this.full, authorizedClients,
				new RedirectServerAuthenticationSuccessHandler())
			.onAuthenticationSuccess(new WebFilterExchange(exchange, (ignored) -> Mono.empty()), this.ada)
			.block();

		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FOUND);
		assertThat(exchange.getResponse().getHeaders().getLocation()).hasToString("/");
	}

}
