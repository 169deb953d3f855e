package io.github.hfoauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The chain's request cache, except that it never saves an API request: one answered 401 must
 * not become the page a browser returns to after signing in ({@code /api/me?continue}).
 */
final class BrowserOnlyRequestCache implements RequestCache {

	private final RequestCache delegate;

	private final RequestMatcher apiRequests;

	BrowserOnlyRequestCache(RequestCache delegate, RequestMatcher apiRequests) {
		this.delegate = delegate;
		this.apiRequests = apiRequests;
	}

	@Override
	public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
		if (!this.apiRequests.matches(request)) {
			this.delegate.saveRequest(request, response);
		}
	}

	@Override
	public @Nullable SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
		return this.delegate.getRequest(request, response);
	}

	@Override
	public @Nullable HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
		return this.delegate.getMatchingRequest(request, response);
	}

	@Override
	public void removeRequest(HttpServletRequest request, HttpServletResponse response) {
		this.delegate.removeRequest(request, response);
	}

}
