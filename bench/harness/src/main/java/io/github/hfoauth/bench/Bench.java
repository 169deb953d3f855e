package io.github.hfoauth.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
		for (BenchApp app : BenchApp.values()) {
			this.jars.put(app, app.copyJar(root, this.work));
		}
	}

	private final Map<BenchApp, Path> jars = new EnumMap<>(BenchApp.class);

	public static void main(String[] args) throws Exception {
		Path root = Path.of(args[0]).toAbsolutePath();
		Settings settings = Settings.of(List.of(args).contains("--quick"));
		// --sessions=N makes figure 4 with N sessions instead of the run's default.
		for (String arg : args) {
			if (arg.startsWith("--sessions=")) {
				settings = settings.withSessions(Integer.parseInt(arg.substring("--sessions=".length())));
			}
		}
		try (FakeHuggingFace fake = FakeHuggingFace.start()) {
			Bench bench = new Bench(root, settings, new Provider(fake));
			bench.report.machine(root);
			// --only=1,4 measures only those figures (2 and 3 go together, with the profiles).
			String only = List.of(args).stream().filter((arg) -> arg.startsWith("--only=")).findFirst()
				.orElse("--only=1,2,3,4,5");
			if (only.contains("1")) {
				bench.startup();
			}
			if (only.contains("2") || only.contains("3")) {
				bench.requestsAndLogins();
			}
			if (only.contains("4")) {
				bench.sessions();
			}
			if (only.contains("5")) {
				new ColdStart(bench.jars.get(BenchApp.STARTER), bench.work, settings, bench.provider, bench.report,
						ColdStart.dockerfileFlags(root)).measure();
			}
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

	/**
	 * Figure 4: heap and RSS with many signed-in sessions of distinct users, where the bytes
	 * go (a class histogram), and the sessions' serialized size.
	 */
	private void sessions() throws Exception {
		log("Figure 4: sessions");
		// Each login a different person: one user signed in 10,000 times hides what is kept per user.
		this.provider.distinctUsers(true);
		Map<BenchApp, Launched> apps = new EnumMap<>(BenchApp.class);
		Map<BenchApp, Map<String, long[]>> histogramsBefore = new EnumMap<>(BenchApp.class);
		Map<BenchApp, Path> stores = new EnumMap<>(BenchApp.class);
		Map<BenchApp, Report.Memory> memory = new EnumMap<>(BenchApp.class);
		try {
			for (BenchApp app : BenchApp.values()) {
				Path store = Files.createDirectories(this.work.resolve("sessions-" + app.label));
				Files.deleteIfExists(store.resolve("SESSIONS.ser"));
				stores.put(app, store);
				apps.put(app, launch(app, "sessions", persistentSessions(store)));
			}
			for (BenchApp app : BenchApp.values()) {
				Load.run(100, Settings.CONNECTIONS, signIn(app, apps.get(app)));
			}
			this.provider.take();
			Map<BenchApp, double[]> before = new EnumMap<>(BenchApp.class);
			for (BenchApp app : BenchApp.values()) {
				long pid = apps.get(app).pid();
				before.put(app, new double[] { Tools.heapAfterFullGcMb(pid), Tools.rssMb(pid) });
				if (app.signsIn) {
					histogramsBefore.put(app, Tools.classHistogram(pid));
				}
			}
			// The apps make their sessions side by side: memory does not depend on how fast.
			List<CompletableFuture<Void>> loads = new ArrayList<>();
			for (BenchApp app : BenchApp.values()) {
				Load.Task<?> task = signIn(app, apps.get(app));
				loads.add(CompletableFuture.runAsync(() -> {
					try {
						for (int done = 0; done < this.settings.sessions(); done += 1000) {
							Load.run(Math.min(1000, this.settings.sessions() - done), Settings.CONNECTIONS, task);
							this.provider.take();
						}
					}
					catch (Exception ex) {
						throw new IllegalStateException(app + " failed while making sessions", ex);
					}
				}));
			}
			CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new)).join();
			for (BenchApp app : BenchApp.values()) {
				long pid = apps.get(app).pid();
				memory.put(app, new Report.Memory(before.get(app)[0], Tools.heapAfterFullGcMb(pid), before.get(app)[1],
						Tools.rssMb(pid)));
				if (app.signsIn) {
					this.report.histogram(app, histogramsBefore.get(app), Tools.classHistogram(pid));
				}
			}
		}
		finally {
			this.provider.distinctUsers(false);
			for (Launched launched : apps.values()) {
				launched.close();
			}
		}
		for (BenchApp app : BenchApp.values()) {
			Path file = stores.get(app).resolve("SESSIONS.ser");
			Map<String, Long> dump = app.signsIn ? dumpSessions(app, file) : Map.of();
			this.report.sessions(app, memory.get(app), sizeOf(file), dump);
		}
	}

	private Load.Task<?> signIn(BenchApp app, Launched launched) {
		String base = launched.baseUrl();
		return app.signsIn ? () -> this.client.login(base) : () -> this.client.status(base + "/api/me", "none");
	}

	// Deserializes the sessions with the app's own classes, in a JVM of their own.
	private Map<String, Long> dumpSessions(BenchApp app, Path sessions) throws Exception {
		Path extracted = this.work.resolve("extracted-" + app.label);
		Tools.run(List.of("rm", "-rf", extracted.toString()));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Path jar = this.jars.get(app);
		Tools.run(List.of(java, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination",
				extracted.toString()));
		Path harness = Path.of(SessionDump.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		String classpath = harness + ":" + extracted.resolve(jar.getFileName());
		Map<String, Long> dump = new LinkedHashMap<>();
		for (String line : Tools.run(List.of(java, "-cp", classpath, SessionDump.class.getName(), sessions.toString()))
			.split("\n")) {
			String[] fields = line.split("\t");
			if (fields.length == 2) {
				dump.put(fields[0], Long.parseLong(fields[1].trim()));
			}
		}
		return dump;
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
		return Launched.start(app.command(this.jars.get(app), port, this.provider.url(), extraArguments), port, log);
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
