package io.github.hfoauth.fake;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cookie jar for test browsers. Browsers treat http://localhost as a secure context and
 * send it {@code Secure} cookies, as a Space's https origin gets them in production;
 * {@link CookieManager} alone would not, and a test of Space mode would lose its session.
 */
public final class LocalhostCookies extends CookieHandler {

	private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	@Override
	public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
		return this.cookies.get(secure(uri), headers);
	}

	@Override
	public void put(URI uri, Map<String, List<String>> headers) throws IOException {
		this.cookies.put(secure(uri), headers);
	}

	/**
	 * The cookies this jar would send to a URI.
	 * @param uri where to
	 * @return the cookies
	 */
	public List<HttpCookie> cookiesFor(URI uri) {
		return this.cookies.getCookieStore().get(secure(uri));
	}

	private static URI secure(URI uri) {
		return LOCAL_HOSTS.contains(uri.getHost()) ? URI.create(uri.toString().replaceFirst("^http:", "https:")) : uri;
	}

}
