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

	// Checked from the top of the stack down: a sample belongs to the first part whose classes
	// it meets, so the shares add up to 100% (filters nest, so "inside" would say little).
	private static Map<String, List<String>> parts() {
		Map<String, List<String>> parts = new LinkedHashMap<>();
		parts.put("ID token checks (Nimbus JOSE)", List.of("com.nimbusds"));
		parts.put("SecureRandom (state, nonce, PKCE, session ids)", List.of("java.security.SecureRandom",
				"sun.security.provider"));
		parts.put("JSON (Jackson)", List.of("tools.jackson", "com.fasterxml.jackson"));
		parts.put("Thymeleaf", List.of("org.thymeleaf"));
		parts.put("HTTP client to the provider", List.of("org.springframework.http.client", "java.net.http",
				"jdk.internal.net.http", "sun.net.www"));
		parts.put("Tomcat sessions", List.of("org.apache.catalina.session"));
		parts.put("app code (controllers)", List.of("io.github.hfoauth.sample", "io.github.hfoauth.bench"));
		parts.put("starter code (io.github.hfoauth)", List.of("io.github.hfoauth"));
		parts.put("Spring Security OAuth2 client", List.of("org.springframework.security.oauth2"));
		parts.put("Spring Security, other", List.of("org.springframework.security"));
		parts.put("Spring MVC and Framework", List.of("org.springframework"));
		parts.put("Tomcat, network, other", List.of(""));
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

	private static String partOf(List<String> classesTopDown) {
		for (String name : classesTopDown) {
			for (Map.Entry<String, List<String>> part : PARTS.entrySet()) {
				if (!part.getKey().startsWith("Tomcat, network")
						&& part.getValue().stream().anyMatch(name::startsWith)) {
					return part.getKey();
				}
			}
		}
		return "Tomcat, network, other";
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
			hits.merge(partOf(classes), 1, Integer::sum);
		}
		Map<String, Double> shares = new LinkedHashMap<>();
		for (String part : PARTS.keySet()) {
			shares.put(part, (samples == 0) ? 0 : hits.getOrDefault(part, 0) / (double) samples);
		}
		shares.put("samples", (double) samples);
		return shares;
	}

}
