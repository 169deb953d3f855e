package io.github.hfoauth;

import java.net.InetAddress;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Mock mode answers loopback requests only, unless {@code hf.oauth.mock.allow-remote=true}:
 * anyone else who reaches the app would sign in as the mock user (who may act with the
 * developer's own token). Decided once for both web stacks; the filters only write the answer.
 *
 * @param contentType the body's media type
 * @param body a page for browsers, JSON for API clients
 */
record MockRemoteRefusal(MediaType contentType, String body) {

	static final HttpStatus STATUS = HttpStatus.FORBIDDEN;

	static final String CODE = "hf_mock_remote_refused";

	// What servlet containers report for a local request: answered without parsing.
	private static final Set<String> USUAL_LOOPBACK = Set.of("127.0.0.1", "0:0:0:0:0:0:0:1", "::1");

	private static final Pattern BRACKETS = Pattern.compile("^\\[|\\]$");

	private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]+(%[\\w.-]+)?");

	private static final String MESSAGE = "This app runs in mock mode, where anyone who signs in becomes the mock "
			+ "user, so it answers requests from this computer only. If it runs in a container or behind a proxy on "
			+ "your machine, set hf.oauth.mock.allow-remote=true (HF_OAUTH_MOCK_ALLOW_REMOTE=true); to deploy it, "
			+ "configure hf.oauth.client-id or run it in a Space.";

	/**
	 * Whether a request from this address is answered.
	 * @param remote the client's address as the server saw it, or {@code null} if unknown
	 * @return {@code true} for a loopback address; an unknown address (a Unix socket's peer) is
	 * not one
	 */
	static boolean isLoopback(@Nullable InetAddress remote) {
		return remote != null && remote.isLoopbackAddress();
	}

	/**
	 * Whether a request from this address is answered.
	 * @param remote the client's address as text (a servlet's {@code getRemoteAddr()})
	 * @return {@code true} for a loopback address
	 */
	static boolean isLoopback(@Nullable String remote) {
		// An IP literal only: a host name would be looked up in DNS.
		String literal = (remote != null) ? BRACKETS.matcher(remote).replaceAll("") : "";
		if (USUAL_LOOPBACK.contains(literal)) {
			return true;
		}
		if (!IP_LITERAL.matcher(literal).matches()) {
			return false;
		}
		try {
			return isLoopback(InetAddress.getByName(literal));
		}
		catch (Exception ex) {
			return false;
		}
	}

	/**
	 * The answer to a request from elsewhere.
	 * @param accept the request's {@code Accept} header, or {@code null}
	 * @return the 403 answer
	 */
	static MockRemoteRefusal of(@Nullable String accept) {
		if (HfErrorAnswer.wantsJson(accept)) {
			return new MockRemoteRefusal(MediaType.APPLICATION_JSON, HfErrorAnswer.json(CODE, MESSAGE));
		}
		return new MockRemoteRefusal(MediaType.TEXT_HTML, HfErrorAnswer.page("Mock mode: local requests only", MESSAGE,
				"<p>Set <code>hf.oauth.mock.allow-remote=true</code> to answer other addresses.</p>"));
	}

}
