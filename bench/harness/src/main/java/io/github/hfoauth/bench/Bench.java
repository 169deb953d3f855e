package io.github.hfoauth.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.fake.FakeHuggingFace;

/**
 * The benchmark: starts the fake Hugging Face and the apps, measures the five figures of
 * {@code bench/RESULTS.md}, and writes it with its chart. Started by {@code bench/run}.
 */
public final class Bench {

	private final Path root;

	private final Path work;

	private final Settings settings;

	private final Provider provider;

	private final LoginClient client = new LoginClient();

	private final Report report;

	private Bench(Path root, Settings settings, Provider provider) throws IOException {
		this.root = root;
		this.work = Files.createDirectories(root.resolve("bench/target/work"));
		this.settings = settings;
		this.provider = provider;
		this.report = new Report(settings);
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of(args[0]).toAbsolutePath();
		Settings settings = Settings.of(List.of(args).contains("--quick"));
		try (FakeHuggingFace fake = FakeHuggingFace.start()) {
			Bench bench = new Bench(root, settings, new Provider(fake));
			bench.report.machine(root);
			bench.startup();
			bench.requestsAndLogins();
			bench.sessions();
			new ColdStart(root, bench.work, settings, bench.provider, bench.report).measure();
			bench.report.machineLoadAtEnd();
			Path results = root.resolve(settings.quick() ? "bench/target/RESULTS-quick.md" : "bench/RESULTS.md");
			Path chart = results.resolveSibling(settings.quick() ? "results-quick.png" : "results.png");
			Chart.write(bench.report.ratios(), chart);
			Files.writeString(results, bench.report.markdown(root, chart.getFileName().toString()));
			System.out.println("Wrote " + results + " and " + chart);
		}
	}

	/** Figure 1: startup to the first served request, and requests to the provider meanwhile. */
	private void startup() throws Exception {
		log("Figure 1: startup");
		Map<BenchApp, List<Double>> millis = new EnumMap<>(BenchApp.class);
		Map<BenchApp, List<Double>> requests = new EnumMap<>(BenchApp.class);
		for (int run = 0; run < this.settings.startupRuns(); run++) {
			for (BenchApp app : rotated(run)) {
				this.provider.take();
				try (Launched launched = launch(app, "startup-" + run, List.of())) {
					millis.computeIfAbsent(app, (key) -> new ArrayList<>()).add(launched.startupMillis());
					requests.computeIfAbsent(app, (key) -> new ArrayList<>())
						.add((double) this.provider.take().fromApp());
				}
			}
		}
		this.report.startup(millis, requests);
	}

	/** Figures 2 and 3, and the profiles, on one set of running apps. */
	private void requestsAndLogins() throws Exception {
		Map<BenchApp, Launched> apps = new EnumMap<>(BenchApp.class);
		try {
			for (BenchApp app : BenchApp.values()) {
				apps.put(app, launch(app, "running", List.of()));
			}
			throughput(apps);
			logins(apps);
			new Profiles(this.work, this.client, this.report).record(apps);
		}
		finally {
			for (Launched launched : apps.values()) {
				launched.close();
			}
		}
	}

	/** Figure 2: authenticated GET /api/me with wrk, interleaved rounds after a warm-up. */
	private void throughput(Map<BenchApp, Launched> apps) throws Exception {
		log("Figure 2: throughput");
		Map<BenchApp, String> sessions = new EnumMap<>(BenchApp.class);
		for (BenchApp app : BenchApp.values()) {
			String session = app.signsIn ? this.client.login(apps.get(app).baseUrl()).sessionId() : "none";
			int status = this.client.status(apps.get(app).baseUrl() + "/api/me", session);
			if (status != 200) {
				throw new IllegalStateException(app + " answered /api/me with " + status + " after sign-in");
			}
			sessions.put(app, session);
			Tools.wrk(apps.get(app).baseUrl() + "/api/me", session, Settings.CONNECTIONS,
					this.settings.warmupSeconds());
		}
		Map<BenchApp, List<Tools.WrkResult>> results = new EnumMap<>(BenchApp.class);
		for (int round = 0; round < this.settings.throughputRounds(); round++) {
			for (BenchApp app : rotated(round)) {
				results.computeIfAbsent(app, (key) -> new ArrayList<>())
					.add(Tools.wrk(apps.get(app).baseUrl() + "/api/me", sessions.get(app), Settings.CONNECTIONS,
							this.settings.throughputSeconds()));
			}
		}
		this.report.throughput(results);
	}

	/** Figure 3: full login round trips from 16 concurrent clients, after a warm-up. */
	private void logins(Map<BenchApp, Launched> apps) throws Exception {
		log("Figure 3: logins");
		List<BenchApp> signingIn = List.of(BenchApp.STARTER, BenchApp.BASELINE);
		for (BenchApp app : signingIn) {
			String base = apps.get(app).baseUrl();
			Load.run(this.settings.warmupLogins(), Settings.CONNECTIONS, () -> this.client.login(base));
		}
		this.provider.take();
		Map<BenchApp, List<LoginRound>> rounds = new EnumMap<>(BenchApp.class);
		for (int round = 0; round < this.settings.loginRounds(); round++) {
			for (int i = 0; i < signingIn.size(); i++) {
				BenchApp app = signingIn.get((i + round) % signingIn.size());
				String base = apps.get(app).baseUrl();
				Load.Outcome<LoginClient.Login> outcome = Load.run(this.settings.loginsPerRound(),
						Settings.CONNECTIONS, () -> this.client.login(base));
				rounds.computeIfAbsent(app, (key) -> new ArrayList<>())
					.add(new LoginRound(outcome, this.provider.take()));
			}
		}
		this.report.logins(rounds);
	}

	/** One round of logins and what the provider saw during it. */
	record LoginRound(Load.Outcome<LoginClient.Login> outcome, Provider.Traffic traffic) {
	}

	/** Figure 4: heap and RSS with many signed-in sessions, and the sessions' serialized size. */
	private void sessions() throws Exception {
		log("Figure 4: sessions");
		for (BenchApp app : BenchApp.values()) {
			Path store = Files.createDirectories(this.work.resolve("sessions-" + app.label));
			Files.deleteIfExists(store.resolve("SESSIONS.ser"));
			Report.Memory memory;
			try (Launched launched = launch(app, "sessions", persistentSessions(store))) {
				String base = launched.baseUrl();
				Load.Task<?> signIn = app.signsIn ? () -> this.client.login(base)
						: () -> this.client.status(base + "/api/me", "none");
				Load.run(100, Settings.CONNECTIONS, signIn);
				double heapBefore = Tools.heapAfterFullGcMb(launched.pid());
				double rssBefore = Tools.rssMb(launched.pid());
				for (int done = 0; done < this.settings.sessions(); done += 1000) {
					Load.run(Math.min(1000, this.settings.sessions() - done), Settings.CONNECTIONS, signIn);
					this.provider.take();
				}
				memory = new Report.Memory(heapBefore, Tools.heapAfterFullGcMb(launched.pid()), rssBefore,
						Tools.rssMb(launched.pid()));
			}
			long allBytes = sizeOf(store.resolve("SESSIONS.ser"));
			long oneBytes = app.signsIn ? oneSessionBytes(app) : 0;
			this.report.sessions(app, memory, this.settings.sessions() + (app.signsIn ? 100 : 0), allBytes, oneBytes);
		}
	}

	// Tomcat writes the sessions with JDK serialization when it stops: one session alone is
	// what a session store keeping each session apart would hold.
	private long oneSessionBytes(BenchApp app) throws Exception {
		Path store = Files.createDirectories(this.work.resolve("one-session-" + app.label));
		Files.deleteIfExists(store.resolve("SESSIONS.ser"));
		try (Launched launched = launch(app, "one-session", persistentSessions(store))) {
			this.client.login(launched.baseUrl());
		}
		return sizeOf(store.resolve("SESSIONS.ser"));
	}

	private static List<String> persistentSessions(Path store) {
		return List.of("--server.servlet.session.persistent=true", "--server.servlet.session.store-dir=" + store);
	}

	private static long sizeOf(Path file) throws IOException {
		return Files.exists(file) ? Files.size(file) : 0;
	}

	private Launched launch(BenchApp app, String phase, List<String> extraArguments) throws Exception {
		int port = freePort();
		Path log = Files.createDirectories(this.work.resolve("logs")).resolve(app.label + "-" + phase + ".log");
		return Launched.start(app.command(this.root, port, this.provider.url(), extraArguments), port, log);
	}

	// Each round starts with another app, so that no app always runs first on a warming machine.
	private static List<BenchApp> rotated(int round) {
		BenchApp[] apps = BenchApp.values();
		List<BenchApp> order = new ArrayList<>();
		for (int i = 0; i < apps.length; i++) {
			order.add(apps[(i + round) % apps.length]);
		}
		return order;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	static void log(String message) {
		System.out.printf("[%tT] %s%n", System.currentTimeMillis(), message);
	}

}
