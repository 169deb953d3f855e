package io.github.hfoauth.autoconfigure;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

/**
 * The WebFlux twin of {@link SpaceForwardedHeaderFilter}: Spring's transformer, given only the
 * forwarded headers a Space's proxy is trusted with ({@link SpaceForwardedHeaders}).
 */
final class SpaceForwardedHeaderTransformer extends ForwardedHeaderTransformer {

	private final SpaceForwardedHeaders trust;

	SpaceForwardedHeaderTransformer(SpaceForwardedHeaders trust) {
		this.trust = trust;
	}

	@Override
	public ServerHttpRequest apply(ServerHttpRequest request) {
		if (!this.trust.active()) {
			return request;
		}
		HttpHeaders original = request.getHeaders();
		List<String> forwarded = original.headerNames().stream().filter(SpaceForwardedHeaders::isForwarded).toList();
		if (forwarded.isEmpty()) {
			return request;
		}
		ServerHttpRequest trusted = request.mutate().headers((headers) -> {
			for (String name : forwarded) {
				String value = this.trust.trusted(name, original.getValuesAsList(name));
				headers.remove(name);
				if (value != null) {
					headers.set(name, value);
				}
			}
		}).build();
		return super.apply(trusted);
	}

}
