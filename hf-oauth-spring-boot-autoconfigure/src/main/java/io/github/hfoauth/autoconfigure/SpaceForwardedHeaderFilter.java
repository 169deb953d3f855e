package io.github.hfoauth.autoconfigure;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies the forwarded headers a Space's proxy is trusted with ({@link SpaceForwardedHeaders})
 * through Spring's {@link ForwardedHeaderFilter}, which never sees the others; none of them
 * reaches the application.
 */
final class SpaceForwardedHeaderFilter extends OncePerRequestFilter {

	private final SpaceForwardedHeaders trust;

	private final ForwardedHeaderFilter delegate = new ForwardedHeaderFilter();

	SpaceForwardedHeaderFilter(SpaceForwardedHeaders trust) {
		this.trust = trust;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.trust.active()) {
			chain.doFilter(request, response);
			return;
		}
		this.delegate.doFilter(new TrustedHeaders(request, this.trust), response, chain);
	}

	private static final class TrustedHeaders extends HttpServletRequestWrapper {

		private final SpaceForwardedHeaders trust;

		TrustedHeaders(HttpServletRequest request, SpaceForwardedHeaders trust) {
			super(request);
			this.trust = trust;
		}

		@Override
		public @Nullable String getHeader(String name) {
			return SpaceForwardedHeaders.isForwarded(name) ? trusted(name) : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			if (!SpaceForwardedHeaders.isForwarded(name)) {
				return super.getHeaders(name);
			}
			String value = trusted(name);
			return Collections.enumeration((value != null) ? List.of(value) : List.of());
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames())
				.stream()
				.filter((name) -> !SpaceForwardedHeaders.isForwarded(name) || trusted(name) != null)
				.toList();
			return Collections.enumeration(names);
		}

		private @Nullable String trusted(String name) {
			return this.trust.trusted(name, Collections.list(super.getHeaders(name)));
		}

	}

}
