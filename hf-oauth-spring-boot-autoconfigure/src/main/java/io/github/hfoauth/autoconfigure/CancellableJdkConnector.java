package io.github.hfoauth.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.AbstractClientHttpRequest;
import org.springframework.http.client.reactive.AbstractClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The JDK's HTTP client for {@code HfReactiveApiClient}'s calls to Inference Providers, whose
 * response body stops when its subscriber cancels. Spring's {@code JdkClientHttpConnector}
 * caches the body ({@code cache(0)}), so a cancelled stream of a chat completion would keep
 * reading to the end, the model generating for a browser that went away. Cancelling here
 * cancels the JDK's subscription, which closes the connection. The body also ends, with an
 * {@link HttpTimeoutException}, when nothing arrives for the read timeout.
 */
final class CancellableJdkConnector implements ClientHttpConnector {

	// The JDK client sets these itself and refuses them from the caller.
	private static final Set<String> JDK_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

	private final HttpClient client;

	private final Duration readTimeout;

	private final DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;

	CancellableJdkConnector(HttpClient client, Duration readTimeout) {
		this.client = client;
		this.readTimeout = readTimeout;
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		Request request = new Request(method, uri);
		return requestCallback.apply(request)
			.then(Mono.defer(() -> Mono.fromFuture(() -> this.client.sendAsync(request.toJdk(this.readTimeout),
					HttpResponse.BodyHandlers.ofPublisher()))))
			.map(this::response);
	}

	private ClientHttpResponse response(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
		HttpHeaders headers = new HttpHeaders();
		response.headers().map().forEach(headers::addAll);
		// The request's timeout ends at the headers: a stream that stalls after them would hang
		// forever. The timeout cancels the JDK's subscription, which closes the connection.
		Flux<DataBuffer> body = JdkFlowAdapter.flowPublisherToFlux(response.body())
			.timeout(this.readTimeout, Flux.error(() -> new HttpTimeoutException(
					"no data for " + this.readTimeout.toMillis() + " ms (hf.api.read-timeout)")))
			.flatMapIterable(Function.identity())
			.map(this.buffers::wrap);
		return new AbstractClientHttpResponse(HttpStatusCode.valueOf(response.statusCode()),
				HttpHeaders.readOnlyHttpHeaders(headers), new LinkedMultiValueMap<>(), body) {
		};
	}

	/** Collects what Spring writes, then becomes the JDK's request. */
	private final class Request extends AbstractClientHttpRequest {

		private final HttpMethod method;

		private final URI uri;

		private byte[] body = new byte[0];

		Request(HttpMethod method, URI uri) {
			this.method = method;
			this.uri = uri;
		}

		HttpRequest toJdk(Duration timeout) {
			HttpRequest.Builder jdk = HttpRequest.newBuilder(this.uri)
				.timeout(timeout)
				.method(this.method.name(), HttpRequest.BodyPublishers.ofByteArray(this.body));
			getHeaders().forEach((name, values) -> {
				if (!JDK_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
					values.forEach((value) -> jdk.header(name, value));
				}
			});
			return jdk.build();
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public DataBufferFactory bufferFactory() {
			return CancellableJdkConnector.this.buffers;
		}

		@Override
		public <T> T getNativeRequest() {
			throw new UnsupportedOperationException("built only when sent");
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return doCommit(() -> DataBufferUtils.join(body).doOnNext((joined) -> {
				byte[] bytes = new byte[joined.readableByteCount()];
				joined.read(bytes);
				DataBufferUtils.release(joined);
				this.body = bytes;
			}).then());
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return writeWith(Flux.from(body).flatMap(Function.identity()));
		}

		@Override
		public Mono<Void> setComplete() {
			return doCommit();
		}

		@Override
		protected void applyHeaders() {
		}

		@Override
		protected void applyCookies() {
			getCookies().values()
				.forEach((cookies) -> cookies.forEach((cookie) -> getHeaders().add(HttpHeaders.COOKIE, cookie.toString())));
		}

	}

}
