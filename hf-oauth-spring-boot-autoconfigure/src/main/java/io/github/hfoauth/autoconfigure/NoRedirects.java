package io.github.hfoauth.autoconfigure;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.time.Duration;

import org.springframework.http.client.SimpleClientHttpRequestFactory;

/**
 * The request factory of the servlet clients that send a credential to Hugging Face (the
 * user's token, the client secret): it follows no redirect. Spring's follows a GET's, to any
 * host: the answer of whatever host Hugging Face's answer named would then be read as Hugging
 * Face's (a user's identity, say). A redirect is answered as it is, a failed call.
 */
final class NoRedirects extends SimpleClientHttpRequestFactory {

	NoRedirects(Duration connectTimeout, Duration readTimeout) {
		setConnectTimeout(connectTimeout);
		setReadTimeout(readTimeout);
	}

	@Override
	protected void prepareConnection(HttpURLConnection connection, String httpMethod) throws IOException {
		super.prepareConnection(connection, httpMethod);
		connection.setInstanceFollowRedirects(false);
	}

}
