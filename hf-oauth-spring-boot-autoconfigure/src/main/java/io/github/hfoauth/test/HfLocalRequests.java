package io.github.hfoauth.test;

import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.test.web.reactive.server.MockServerConfigurer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClientConfigurer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * Sends the requests of a WebTestClient bound to the application from {@code 127.0.0.1}, as a
 * browser on the developer's machine would. Mock mode answers loopback requests only, and a
 * client bound to the application sends its requests with no address at all, which mock mode
 * refuses as not local:
 * {@code WebTestClient.bindToApplicationContext(context).apply(springSecurity()).apply(localRequests())}.
 * {@link HfWebTestClientLogin#hfLogin() hfLogin(...)} does it by itself; apply this for the
 * other requests ({@code @WithMockHfUser}, nobody signed in, the mock sign-in itself), at the
 * binding or with {@code mutateWith(localRequests())}. A request that has an address keeps it,
 * and a client bound to a running server is left as it is.
 */
public final class HfLocalRequests implements WebTestClientConfigurer, MockServerConfigurer {

	private static final HfLocalRequests INSTANCE = new HfLocalRequests();

	private HfLocalRequests() {
	}

	/**
	 * Requests from {@code 127.0.0.1}.
	 * @return the configurer, for {@code apply(...)} or {@code mutateWith(...)}
	 */
	public static HfLocalRequests localRequests() {
		return INSTANCE;
	}

	@Override
	public void beforeServerCreated(WebHttpHandlerBuilder builder) {
		addTo(builder);
	}

	@Override
	public void afterConfigurerAdded(WebTestClient.Builder builder, @Nullable WebHttpHandlerBuilder httpHandlerBuilder,
			@Nullable ClientHttpConnector connector) {
		if (httpHandlerBuilder != null) {
			addTo(httpHandlerBuilder);
		}
	}

	// First, before Spring Security's chain; once, however often it is applied.
	static void addTo(WebHttpHandlerBuilder builder) {
		builder.filters((filters) -> {
			if (filters.stream().noneMatch(LoopbackAddress.class::isInstance)) {
				filters.add(0, new LoopbackAddress());
			}
		});
	}

	private static final class LoopbackAddress implements WebFilter {

		// An IP literal: never looked up.
		private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			if (exchange.getRequest().getRemoteAddress() != null) {
				return chain.filter(exchange);
			}
			return chain.filter(exchange.mutate().request((request) -> request.remoteAddress(LOOPBACK)).build());
		}

	}

}
