package io.github.hfoauth.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Mock mode answers loopback requests only, judged by the client address the server reports.
 * Where Spring Boot has the server take that address from {@code X-Forwarded-For}, anyone could
 * claim {@code 127.0.0.1} and sign in as the mock user, who may act with the developer's own
 * token: mock mode then refuses to start, unless {@code hf.oauth.mock.allow-remote=true} answers
 * every address anyway. Decided at startup, by Spring Boot's own rules (not a condition, which
 * Spring AOT would freeze at build time):
 * <ul>
 * <li>{@code server.forward-headers-strategy=framework}: Spring's {@code ForwardedHeaderFilter}
 * (servlet) or {@code ForwardedHeaderTransformer} (WebFlux) rewrites the address, in any web
 * application context, a test's bound MockMvc or WebTestClient included;</li>
 * <li>{@code native}, or no strategy on a cloud platform Spring Boot detects (Kubernetes, Cloud
 * Foundry, Heroku, ...), and on Tomcat {@code server.tomcat.remoteip.remote-ip-header} or
 * {@code protocol-header}: the embedded server rewrites it (Tomcat's {@code RemoteIpValve},
 * Reactor Netty's or Jetty's forwarded handling), so only where Spring Boot runs one. A test
 * without a server (a bound MockMvc or WebTestClient) is not refused, so an app's tests still
 * start on a CI runner that Spring Boot takes for Kubernetes.</li>
 * </ul>
 * An application that trusts forwarded headers in its own code (its own filter or valve) is not
 * seen here.
 */
final class MockModeForwardedHeaders {

	private static final String STRATEGY = "server.forward-headers-strategy";

	private static final String SERVER_PROPERTIES = "org.springframework.boot.web.server.autoconfigure.ServerProperties";

	private static final String WEB_SERVER_CONTEXT = "org.springframework.boot.web.server.context.WebServerApplicationContext";

	private static final String TOMCAT_REMOTE_IP_VALVE = "org.apache.catalina.valves.RemoteIpValve";

	private static final List<String> TOMCAT_REMOTE_IP_HEADERS = List.of("server.tomcat.remoteip.remote-ip-header",
			"server.tomcat.remoteip.protocol-header");

	private MockModeForwardedHeaders() {
	}

	/**
	 * What makes the server take the client's address from forwarded headers.
	 *
	 * @param setting the setting, as the startup failure names it
	 * @param undo how to stop it
	 */
	record Trust(String setting, String undo) {
	}

	/**
	 * Refuses to start mock mode where forwarded headers decide the client's address.
	 * @param context the application context
	 * @param allowRemote {@code hf.oauth.mock.allow-remote}
	 * @throws HfOAuthConfigurationException when the server trusts forwarded headers
	 */
	static void check(ApplicationContext context, boolean allowRemote) {
		if (allowRemote) {
			return;
		}
		Trust trust = of(context.getEnvironment(), runsEmbeddedServer(context), context.getClassLoader());
		if (trust == null) {
			return;
		}
		throw new HfOAuthConfigurationException("Mock mode answers requests from this computer only, by the client "
				+ "address the server reports, but " + trust.setting() + " has the server take that address from the "
				+ "X-Forwarded-For header: anyone who sends 'X-Forwarded-For: 127.0.0.1' would sign in as the mock "
				+ "user, who may act with your own Hugging Face token.",
				"Configure hf.oauth.client-id (or run in a Space) for real sign-in; or " + trust.undo()
						+ " while the app runs in mock mode; or, only if every client that can reach the app is you "
						+ "(a container or a proxy on your own machine), set hf.oauth.mock.allow-remote=true "
						+ "(HF_OAUTH_MOCK_ALLOW_REMOTE=true), which answers requests from every address.");
	}

	/**
	 * Whether the server takes the client's address from forwarded headers, by Spring Boot's rules.
	 * @param environment the environment
	 * @param embeddedServer whether Spring Boot runs the web server (a
	 * {@code WebServerApplicationContext}), the only place it applies {@code native}
	 * @param classLoader the application's class loader
	 * @return what makes it so, or {@code null} when the address is the connection's own
	 */
	static @Nullable Trust of(Environment environment, boolean embeddedServer, @Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(SERVER_PROPERTIES, classLoader)) {
			// No Spring Boot web server configuration: nothing of Spring Boot's applies forwarded headers.
			return null;
		}
		Binder binder = Binder.get(environment);
		ServerProperties.ForwardHeadersStrategy strategy = binder
			.bind(STRATEGY, ServerProperties.ForwardHeadersStrategy.class)
			.orElse(null);
		String none = "set " + STRATEGY + "=none";
		if (strategy == ServerProperties.ForwardHeadersStrategy.FRAMEWORK) {
			return new Trust(STRATEGY + "=framework", none);
		}
		if (!embeddedServer) {
			return null;
		}
		if (strategy == ServerProperties.ForwardHeadersStrategy.NATIVE) {
			return new Trust(STRATEGY + "=native", none);
		}
		if (strategy == null) {
			CloudPlatform platform = CloudPlatform.getActive(environment);
			if (platform != null && platform.isUsingForwardHeaders()) {
				return new Trust("the cloud platform Spring Boot detected (" + platform + ", where an unset " + STRATEGY
						+ " means native)", none);
			}
		}
		if (ClassUtils.isPresent(TOMCAT_REMOTE_IP_VALVE, classLoader)) {
			for (String name : TOMCAT_REMOTE_IP_HEADERS) {
				if (StringUtils.hasText(binder.bind(name, String.class).orElse(null))) {
					return new Trust(name + " (Tomcat's RemoteIpValve)", "remove " + name);
				}
			}
		}
		return null;
	}

	private static boolean runsEmbeddedServer(ApplicationContext context) {
		return ClassUtils.isPresent(WEB_SERVER_CONTEXT, context.getClassLoader())
				&& context instanceof WebServerApplicationContext;
	}

}
