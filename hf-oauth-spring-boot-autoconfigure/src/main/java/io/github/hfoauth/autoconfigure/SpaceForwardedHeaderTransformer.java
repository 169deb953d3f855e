package io.github.hfoauth.autoconfigure;

import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

/**
 * The WebFlux twin of {@link SpaceForwardedHeaderFilter}: Spring's transformer, given only the
 * forwarded headers a Space's proxy is trusted with ({@link SpaceForwardedHeaders}). It has the
 * bean name WebFlux looks up, so Spring Boot's own transformer for
 * {@code server.forward-headers-strategy=framework} backs off from it: with that setting it is
 * Spring's transformer as Spring Boot's would be; otherwise, outside a Space, it changes nothing.
 */
final class SpaceForwardedHeaderTransformer extends ForwardedHeaderTransformer {

	private final SpaceForwardedHeaders trust;

	private final boolean framework;

	SpaceForwardedHeaderTransformer(SpaceForwardedHeaders trust, boolean framework) {
		this.trust = trust;
		this.framework = framework;
	}

	/**
	 * Whether the application asked for Spring's transformer, as Spring Boot's condition on its
	 * own decides it.
	 * @param environment the environment
	 * @return {@code true} for {@code server.forward-headers-strategy=framework}
	 */
	static boolean framework(Environment environment) {
		return "framework".equalsIgnoreCase(environment.getProperty("server.forward-headers-strategy"));
	}

	@Override
	public ServerHttpRequest apply(ServerHttpRequest request) {
		if (!this.trust.active()) {
			return this.framework ? super.apply(request) : request;
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
