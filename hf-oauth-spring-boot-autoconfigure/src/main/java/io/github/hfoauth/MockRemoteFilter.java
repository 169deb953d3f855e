package io.github.hfoauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers requests from other addresses than loopback with the {@link MockRemoteRefusal} in
 * mock mode, first in the chain, before anything can sign in the mock user.
 */
final class MockRemoteFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (MockRemoteRefusal.isLoopback(request.getRemoteAddr())) {
			chain.doFilter(request, response);
			return;
		}
		MockRemoteRefusal refusal = MockRemoteRefusal.of(request.getHeader("Accept"));
		response.setStatus(MockRemoteRefusal.STATUS.value());
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Cache-Control", "no-store");
		response.setContentType(refusal.contentType().toString());
		response.getWriter().write(refusal.body());
	}

}
