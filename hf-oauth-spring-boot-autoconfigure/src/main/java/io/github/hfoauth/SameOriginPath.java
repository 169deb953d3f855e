package io.github.hfoauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriUtils;

/**
 * The page a sign-in returns to, as a path on this app's own origin, for both web stacks. A
 * saved request's URL is the app's own, but its path is whatever the browser asked for, and a
 * browser reads a path such as {@code //evil.example}, {@code /\evil.example} or
 * {@code \/evil.example} (extra slashes, backslashes, tabs and newlines it drops) as another
 * host: sent back as the place to go after signing in, it would be an open redirect.
 */
final class SameOriginPath {

	// Decoding more often than this is no honest URL's need: such a path is refused.
	private static final int MAX_DECODINGS = 3;

	private SameOriginPath() {
	}

	/**
	 * The path and query of a URL, if a browser given them reads them as this origin's.
	 * @param url an absolute {@code http(s)} URL (a servlet saved request's) or an
	 * origin-relative path with its query (a WebFlux one's), or {@code null}
	 * @return the path (starting with a single {@code /}) and query, or {@code null} for
	 * anything else: the caller then falls back to the app's root
	 */
	static @Nullable String of(@Nullable String url) {
		if (url == null || url.isEmpty() || !isPlain(url)) {
			return null;
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return null;
		}
		if (uri.isOpaque()) {
			return null;
		}
		if (uri.getScheme() != null) {
			if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
				return null;
			}
		}
		else if (uri.getRawAuthority() != null || !url.startsWith("/") || url.startsWith("//")) {
			// A scheme-relative URL (Java reads "///host" as a path; browsers as a host), or
			// one relative to the page it is resolved against.
			return null;
		}
		String path = uri.getRawPath();
		if (path == null || !isLocal(path)) {
			return null;
		}
		return (uri.getRawQuery() != null) ? path + "?" + uri.getRawQuery() : path;
	}

	// Printable ASCII only, without a backslash: browsers drop tabs and newlines anywhere in a
	// URL, strip leading spaces and controls, and read a backslash as a slash.
	private static boolean isPlain(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c <= 0x20 || c >= 0x7f || c == '\\') {
				return false;
			}
		}
		return true;
	}

	// A path that names another host only once decoded (%2F%2F, %5C, %09, or encoded twice)
	// would do so after anything that decodes it before a browser reads it: refused as well.
	private static boolean isLocal(String path) {
		String current = path;
		for (int decodings = 0; decodings <= MAX_DECODINGS; decodings++) {
			if (!current.startsWith("/") || (current.length() > 1 && isSlash(current.charAt(1)))) {
				return false;
			}
			String decoded;
			try {
				decoded = UriUtils.decode(current, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
			if (decoded.equals(current)) {
				return true;
			}
			if (hasControl(decoded)) {
				return false;
			}
			current = decoded;
		}
		return false;
	}

	private static boolean isSlash(char c) {
		return c == '/' || c == '\\';
	}

	private static boolean hasControl(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.LINE_SEPARATOR
					|| Character.getType(c) == Character.PARAGRAPH_SEPARATOR || c == 0x85) {
				return true;
			}
		}
		return false;
	}

}
