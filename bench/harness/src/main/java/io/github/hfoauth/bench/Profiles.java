package io.github.hfoauth.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes: a JFR recording of each app under each load, reduced to the share of
 * the request threads' CPU samples spent inside each part of the stack.
 */
final class Profiles {

	/** Parts of a request, each recognised by the classes on the sampled stack. */
	static final Map<String, List<String>> PARTS = parts();

	private final Path work;

	private final LoginClient client;

	private final Report report;

	Profiles(Path work, LoginClient client, Report report) {
		this.work = work;
		this.client = client;
		this.report = report;
	}

	private static Map<String, List<String>> parts() {
		Map<String, List<String>> parts = new LinkedHashMap<>();
		parts.put("Spring Security filter chain", List.of("org.springframework.security.web.FilterChainProxy"));
		parts.put("security context from the session", List.of("HttpSessionSecurityContextRepository"));
		parts.put("authorization redirect (state, nonce, PKCE)", List.of("OAuth2AuthorizationRequestRedirectFilter"));
		parts.put("callback: OAuth2 login filter", List.of("OAuth2LoginAuthenticationFilter"));
		parts.put("token request", List.of("AuthorizationCodeTokenResponseClient"));
		parts.put("ID token checks (Nimbus)", List.of("com.nimbusds"));
		parts.put("userinfo and user building", List.of("OidcUserService", "DefaultOAuth2UserService"));
		parts.put("HTTP client to the provider", List.of("org.springframework.http.client", "java.net.http",
				"sun.net.www.protocol.http"));
		parts.put("SecureRandom", List.of("java.security.SecureRandom"));
		parts.put("Tomcat sessions (create, change id)", List.of("org.apache.catalina.session"));
		parts.put("Spring MVC (DispatcherServlet)", List.of("org.springframework.web.servlet.DispatcherServlet"));
		parts.put("JSON writing (Jackson)", List.of("tools.jackson"));
		parts.put("starter code (io.github.hfoauth)", List.of("io.github.hfoauth"));
		return parts;
	}

	void record(Map<BenchApp, Launched> apps) throws Exception {
		Bench.log("Profiles (JFR)");
		for (BenchApp app : List.of(BenchApp.STARTER, BenchApp.BASELINE)) {
			Launched launched = apps.get(app);
			String session = this.client.login(launched.baseUrl()).sessionId();
			Path api = this.work.resolve("profile-" + app.label + "-api.jfr");
			recording(launched, api, () -> Tools.wrk(launched.baseUrl() + "/api/me", session, Settings.CONNECTIONS, 10));
			Path login = this.work.resolve("profile-" + app.label + "-login.jfr");
			recording(launched, login,
					() -> Load.run(500, Settings.CONNECTIONS, () -> this.client.login(launched.baseUrl())));
			this.report.profile(app, "GET /api/me", shares(api));
			this.report.profile(app, "login", shares(login));
		}
	}

	private static void recording(Launched app, Path file, Load.Task<?> load) throws Exception {
		String pid = String.valueOf(app.pid());
		Tools.run(List.of(Tools.jcmd(), pid, "JFR.start", "name=bench", "settings=profile", "filename=" + file));
		load.run();
		Tools.run(List.of(Tools.jcmd(), pid, "JFR.stop", "name=bench"));
	}

	/** Share (0..1) of the request threads' samples inside each part, and the sample count. */
	static Map<String, Double> shares(Path recording) throws IOException {
		Map<String, Integer> hits = new LinkedHashMap<>();
		int samples = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null
					|| !event.getThread("sampledThread").getJavaName().startsWith("http-nio")) {
				continue;
			}
			samples++;
			List<String> classes = new ArrayList<>();
			for (RecordedFrame frame : event.getStackTrace().getFrames()) {
				classes.add(frame.getMethod().getType().getName());
			}
			for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
				if (classes.stream().anyMatch((name) -> part.getValue().stream().anyMatch(name::contains))) {
					hits.merge(part.getKey(), 1, Integer::sum);
				}
			}
		}
		Map<String, Double> shares = new LinkedHashMap<>();
		for (String part : PARTS.keySet()) {
			shares.put(part, (samples == 0) ? 0 : hits.getOrDefault(part, 0) / (double) samples);
		}
		shares.put("samples", (double) samples);
		return shares;
	}

}
