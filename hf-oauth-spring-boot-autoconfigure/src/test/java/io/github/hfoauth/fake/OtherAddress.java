package io.github.hfoauth.fake;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * Requests to the app under test from an address of this machine that is not loopback, as a
 * visitor on the network would send them: the server sees that address as the client's.
 */
public final class OtherAddress {

	private OtherAddress() {
	}

	/**
	 * Sends a GET to the app on this machine's first non-loopback IPv4 address; skips the
	 * test when the machine has none.
	 * @param port the app's port
	 * @param path the path
	 * @param accept the Accept header
	 * @return the answer
	 */
	public static HttpResponse<String> get(int port, String path, String accept) {
		return get(port, path, accept, new String[0]);
	}

	/**
	 * Sends a GET with more headers, as {@link #get(int, String, String)} does.
	 * @param port the app's port
	 * @param path the path
	 * @param accept the Accept header
	 * @param headers more headers, as name and value pairs
	 * @return the answer
	 */
	public static HttpResponse<String> get(int port, String path, String accept, String... headers) {
		String host = address().orElse(null);
		Assumptions.assumeTrue(host != null, "this machine has no non-loopback IPv4 address");
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
				.header("Accept", accept);
			if (headers.length > 0) {
				request.headers(headers);
			}
			return HttpClient.newBuilder()
				.followRedirects(HttpClient.Redirect.NEVER)
				.build()
				.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Optional<String> address() {
		try {
			return NetworkInterface.networkInterfaces()
				.filter(OtherAddress::isUp)
				.flatMap(NetworkInterface::inetAddresses)
				.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress())
				.map(InetAddress::getHostAddress)
				.findFirst();
		}
		catch (SocketException ex) {
			return Optional.empty();
		}
	}

	private static boolean isUp(NetworkInterface network) {
		try {
			return network.isUp() && !network.isLoopback();
		}
		catch (SocketException ex) {
			return false;
		}
	}

}
