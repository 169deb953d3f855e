package io.github.hfoauth.test;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.test.web.reactive.server.MockServerConfigurer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;
import org.springframework.web.server.adapter.HttpWebHandlerAdapter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * Signs WebTestClient requests in as a Hugging Face user, the WebFlux twin of
 * {@link HfLoginRequestPostProcessor}:
 * {@code webTestClient.mutateWith(hfLogin("alice").organization("acme", ADMIN)).get().uri("/org")...}.
 * The user is built as a real sign-in would build it, by the application's
 * {@code HfOAuth2UserConverter} when the client is bound to an application context that has
 * one. Like Spring Security's own mutators, it needs a client bound to the application (not
 * to a running server). Its requests come from {@code 127.0.0.1}, as with
 * {@link HfLocalRequests}: mock mode answers loopback requests only. Start with
 * {@link #hfLogin()}.
 */
public final class HfWebTestClientLogin extends HfTestLogin<HfWebTestClientLogin>
		implements WebTestClientConfigurer, MockServerConfigurer {

	private HfWebTestClientLogin(String username) {
		super(username);
	}

	/**
	 * A sign-in for the user {@code test-user}; rename with {@link #hfLogin(String)}.
	 * @return the sign-in
	 */
	public static HfWebTestClientLogin hfLogin() {
		return new HfWebTestClientLogin("test-user");
	}

	/**
	 * A sign-in for a user.
	 * @param username the user's handle
	 * @return the sign-in
	 */
	public static HfWebTestClientLogin hfLogin(String username) {
		return new HfWebTestClientLogin(username);
	}

	@Override
	public void beforeServerCreated(WebHttpHandlerBuilder builder) {
		MockServerConfigurer signIn = SecurityMockServerConfigurers.mockAuthentication(authentication(context(builder)));
		signIn.beforeServerCreated(builder);
		HfLocalRequests.addTo(builder);
	}

	@Override
	public void afterConfigurerAdded(WebTestClient.Builder builder, @Nullable WebHttpHandlerBuilder httpHandlerBuilder,
			@Nullable ClientHttpConnector connector) {
		WebTestClientConfigurer signIn = SecurityMockServerConfigurers
			.mockAuthentication(authentication(context(httpHandlerBuilder)));
		signIn.afterConfigurerAdded(builder, httpHandlerBuilder, connector);
		if (httpHandlerBuilder != null) {
			HfLocalRequests.addTo(httpHandlerBuilder);
		}
	}

	// The builder keeps the application context to itself; the handler it builds tells it.
	// Building a copy leaves the client's own builder as it was.
	private static @Nullable ApplicationContext context(@Nullable WebHttpHandlerBuilder builder) {
		return (builder != null && builder.clone().build() instanceof HttpWebHandlerAdapter handler)
				? handler.getApplicationContext() : null;
	}

}
