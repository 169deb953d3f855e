package io.github.hfoauth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Collects the figures as they are measured and writes {@code RESULTS.md}. */
final class Report {

	/**
	 * A figure as a ratio between apps measured in the same run.
	 * @param metric what was measured
	 * @param toBaseline starter / baseline ({@code NaN} when not applicable)
	 * @param toFloor starter / floor ({@code NaN} when not applicable)
	 * @param higherIsBetter whether a ratio above 1 favours the starter
	 * @param goal the goal, in words, or empty
	 * @param met whether the goal is met ({@code null} without goal)
	 */
	record Ratio(String metric, double toBaseline, double toFloor, boolean higherIsBetter, String goal, Boolean met) {
	}

	/**
	 * Heap after a full GC and RSS, before and after the sessions were made (MB).
	 */
	record Memory(double heapBefore, double heapAfter, double rssBefore, double rssAfter) {
	}

	private final Settings settings;

	private final List<Ratio> ratios = new ArrayList<>();

	private final Map<String, StringBuilder> sections = new LinkedHashMap<>();

	private final Map<BenchApp, Memory> memory = new EnumMap<>(BenchApp.class);

	private final Map<String, Map<String, Double>> profiles = new LinkedHashMap<>();

	private final StringBuilder machine = new StringBuilder();

	Report(Settings settings) {
		this.settings = settings;
	}

	List<Ratio> ratios() {
		return this.ratios;
	}

	void machine(Path root) throws IOException, InterruptedException {
		String cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).trim())
			.findFirst()
			.orElse("unknown");
		String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
		line(this.machine, "- Date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.RFC_1123_DATE_TIME));
		line(this.machine, "- Commit measured: `" + Tools.run(List.of("git", "-C", root.toString(), "rev-parse",
				"--short", "HEAD")).trim() + "` (plus uncommitted changes, if any)");
		line(this.machine, "- CPU: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores; " + memory);
		line(this.machine, "- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
		line(this.machine, "- Apps and harness on JDK " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vm.name") + "), `" + String.join(" ", BenchApp.JVM_OPTIONS)
				+ "`; cold start also on " + firstLine(Tools.run(List.of(ColdStart.JDK_25.toString(), "-version"))));
		line(this.machine, "- wrk: " + firstLine(wrkVersion()));
		line(this.machine, "- Load average at start: " + loadAverage() + " (the machine is shared with other builds)");
	}

	void machineLoadAtEnd() throws IOException {
		line(this.machine, "- Load average at end: " + loadAverage());
	}

	void startup(Map<BenchApp, List<Double>> millis, Map<BenchApp, List<Double>> requests) {
		StringBuilder out = section("1. Startup to the first served request");
		line(out, "Each app started " + this.settings.startupRuns() + " times, interleaved; the time runs from the"
				+ " process launch to the first answer to `GET /`. Provider requests are those the fake Hugging"
				+ " Face received from the app by then.");
		line(out, "");
		line(out, "| app | startup, ms: median (min–max) | requests to the provider at startup |");
		line(out, "|---|---|---|");
		for (BenchApp app : BenchApp.values()) {
			line(out, "| " + app.label + " | " + new Stats(millis.get(app)).describe("%.0f") + " | "
					+ new Stats(requests.get(app)).describe("%.0f") + " |");
		}
		double starterRequests = new Stats(requests.get(BenchApp.STARTER)).max();
		this.ratios.add(ratio("startup time", millis, Stats::median, false, "≤ 1.0 of baseline", (r) -> r <= 1.0));
		line(out, "");
		line(out, String.format(Locale.ROOT, "Starter/baseline **%.2f**, starter/floor **%.2f**. Requests at startup:"
				+ " starter %.0f (goal 0: %s).", last().toBaseline(), last().toFloor(), starterRequests,
				(starterRequests == 0) ? "met" : "missed"));
	}

	void throughput(Map<BenchApp, List<Tools.WrkResult>> results) {
		StringBuilder out = section("2. Authenticated `GET /api/me`");
		line(out, "`wrk -t2 -c" + Settings.CONNECTIONS + " -d" + this.settings.throughputSeconds()
				+ "s --latency` with the signed-in session's cookie, after " + this.settings.warmupSeconds()
				+ " s of warm-up per app; " + this.settings.throughputRounds()
				+ " rounds, interleaved. Per round: throughput and wrk's p50/p99; the table shows the median"
				+ " over rounds and the spread.");
		line(out, "");
		line(out, "| app | requests/s | p50, ms | p99, ms |");
		line(out, "|---|---|---|---|");
		Map<BenchApp, List<Double>> rps = pick(results, Tools.WrkResult::requestsPerSecond);
		Map<BenchApp, List<Double>> p50 = pick(results, Tools.WrkResult::p50Millis);
		Map<BenchApp, List<Double>> p99 = pick(results, Tools.WrkResult::p99Millis);
		for (BenchApp app : BenchApp.values()) {
			line(out, "| " + app.label + " | " + new Stats(rps.get(app)).describe("%.0f") + " | "
					+ new Stats(p50.get(app)).describe("%.2f") + " | " + new Stats(p99.get(app)).describe("%.2f")
					+ " |");
		}
		this.ratios.add(ratio("/api/me throughput", rps, Stats::median, true, "≥ 0.95 of baseline", (r) -> r >= 0.95));
		Ratio throughput = last();
		this.ratios.add(ratio("/api/me p50 latency", p50, Stats::median, false, "", null));
		this.ratios.add(ratio("/api/me p99 latency", p99, Stats::median, false, "", null));
		line(out, "");
		line(out, String.format(Locale.ROOT, "Throughput starter/baseline **%.2f** (goal ≥ 0.95: %s), starter/floor"
				+ " **%.2f**.", throughput.toBaseline(), met(throughput.met()), throughput.toFloor()));
	}

	void logins(Map<BenchApp, List<Bench.LoginRound>> rounds) {
		StringBuilder out = section("3. Full login round trips");
		line(out, "Each login: `GET /oauth2/authorization/huggingface` on the app, the fake's authorize endpoint,"
				+ " the app's callback (token, ID token, userinfo, new session), each with its own cookies, "
				+ Settings.CONNECTIONS + " concurrent clients, after " + this.settings.warmupLogins()
				+ " warm-up logins per app; " + this.settings.loginRounds() + " rounds of "
				+ this.settings.loginsPerRound() + " logins, interleaved. The floor has no login.");
		line(out, "");
		line(out, "| app | logins/s | p50, ms | p99, ms | provider requests per login (discovery / authorize / token /"
				+ " JWKS / userinfo) | sent by the app per login |");
		line(out, "|---|---|---|---|---|---|");
		Map<BenchApp, List<Double>> rates = new EnumMap<>(BenchApp.class);
		Map<BenchApp, List<Double>> latencies = new EnumMap<>(BenchApp.class);
		Map<BenchApp, Double> perLogin = new EnumMap<>(BenchApp.class);
		StringBuilder legs = new StringBuilder();
		for (Map.Entry<BenchApp, List<Bench.LoginRound>> entry : rounds.entrySet()) {
			BenchApp app = entry.getKey();
			List<Double> rate = new ArrayList<>();
			List<Double> latency = new ArrayList<>();
			Map<String, Integer> requests = new LinkedHashMap<>();
			long logins = 0;
			long providerMillis = 0;
			double[] legMillis = new double[3];
			for (Bench.LoginRound round : entry.getValue()) {
				rate.add(round.outcome().perSecond());
				latency.addAll(round.outcome().latenciesMillis());
				logins += round.outcome().results().size();
				providerMillis += round.traffic().appCallMillis();
				round.traffic().requests().forEach((path, count) -> requests.merge(path, count, Integer::sum));
				for (LoginClient.Login login : round.outcome().results()) {
					legMillis[0] += login.appRedirectNanos() / 1e6;
					legMillis[1] += login.providerNanos() / 1e6;
					legMillis[2] += login.callbackNanos() / 1e6;
				}
			}
			rates.put(app, rate);
			latencies.put(app, latency);
			long n = logins;
			List<String> counts = Provider.ENDPOINTS.stream()
				.map((path) -> String.format(Locale.ROOT, "%.2f", requests.getOrDefault(path, 0) / (double) n))
				.toList();
			double fromApp = new Provider.Traffic(requests, Map.of()).fromApp() / (double) n;
			perLogin.put(app, fromApp);
			Stats lat = new Stats(latency);
			line(out, String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s | **%.2f** |", app.label,
					new Stats(rate).describe("%.1f"), lat.median(), lat.percentile(99), String.join(" / ", counts),
					fromApp));
			legs.append(String.format(Locale.ROOT,
					"| %s | %.1f | %.1f | %.1f | %.1f | %.1f |%n", app.label, legMillis[0] / n, legMillis[1] / n,
					legMillis[2] / n, providerMillis / (double) n, legMillis[2] / n - providerMillis / (double) n));
		}
		this.ratios.add(ratio("logins/s", rates, Stats::median, true, "≥ 0.95 of baseline", (r) -> r >= 0.95));
		Ratio loginRate = last();
		this.ratios.add(ratio("login p50 latency", latencies, Stats::median, false, "", null));
		this.ratios.add(ratio("login p99 latency", latencies, (s) -> s.percentile(99), false, "", null));
		double starter = perLogin.get(BenchApp.STARTER);
		this.ratios.add(new Ratio("provider requests per login", starter / perLogin.get(BenchApp.BASELINE),
				Double.NaN, false, "2 (token, userinfo)", Math.abs(starter - 2) < 0.01));
		line(out, "");
		line(out, String.format(Locale.ROOT, "Logins/s starter/baseline **%.2f**; provider requests per login sent by"
				+ " the app: starter **%.2f** (goal 2: %s), baseline %.2f.", loginRate.toBaseline(), starter,
				met(last().met()), perLogin.get(BenchApp.BASELINE)));
		line(out, "");
		line(out, "Where a login's time goes, mean ms per login as the client saw each leg; the provider's own serve"
				+ " time (WireMock's) is taken out of the callback:");
		line(out, "");
		line(out, "| app | app's authorize redirect | fake authorize | callback | of which provider serving"
				+ " token/JWKS/userinfo | callback without provider |");
		line(out, "|---|---|---|---|---|---|");
		out.append(legs);
	}

	void sessions(BenchApp app, Memory memory, long allBytes, Map<String, Long> dump) {
		this.memory.put(app, memory);
		StringBuilder out = section("4. Memory with signed-in sessions");
		if (out.length() == 0) {
			line(out, "The three apps started fresh, side by side; 100 warm-up logins each, then heap after a full GC"
					+ " (`jcmd GC.run`, then `GC.heap_info`) and RSS (`/proc/PID/status` VmRSS); then "
					+ this.settings.sessions() + " more logins each (16 clients per app), each leaving a signed-in"
					+ " session, and the same readings. The floor served as many `GET /api/me` instead. Serialized"
					+ " size: Tomcat writes the sessions with JDK serialization at shutdown"
					+ " (`server.servlet.session.persistent`); `SessionDump` reads them back with the app's classes"
					+ " and serializes each session alone (its own stream, as a store that keeps sessions apart does)."
					+ " Every login is a different user (the fake's `distinctUsers`: its own sub, name, handle and"
					+ " email, the same two organizations), as when that many people are signed in; one user signed"
					+ " in again and again would hide what an app keeps per user.");
			line(out, "");
			line(out, "| app | heap before / after, MB | heap per session, KB | RSS before / after, MB | sessions |"
					+ " one session serialized alone, bytes | whole file / sessions, bytes |");
			line(out, "|---|---|---|---|---|---|---|");
		}
		long sessions = dump.getOrDefault("sessions", 0L);
		long oneSession = dump.getOrDefault("bytes per session", 0L);
		double perSession = (memory.heapAfter() - memory.heapBefore()) * 1024 / this.settings.sessions();
		line(out, String.format(Locale.ROOT, "| %s | %.1f / %.1f | %s | %.0f / %.0f | %s | %s | %s |", app.label,
				memory.heapBefore(), memory.heapAfter(),
				app.signsIn ? String.format(Locale.ROOT, "%.2f", perSession) : "n/a (no sessions)", memory.rssBefore(),
				memory.rssAfter(), app.signsIn ? sessions : "0", app.signsIn ? oneSession : "n/a",
				app.signsIn && sessions > 0 ? String.valueOf(allBytes / sessions) : "n/a"));
		if (app.signsIn) {
			this.sessionBytes.put(app, oneSession);
			this.sessionAttributes.put(app, dump.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().startsWith("attribute "))
				.map((entry) -> "`" + entry.getKey().substring("attribute ".length()) + "` " + entry.getValue())
				.toList());
		}
		if (app == BenchApp.FLOOR) {
			Map<BenchApp, List<Double>> heap = new EnumMap<>(BenchApp.class);
			Map<BenchApp, List<Double>> rss = new EnumMap<>(BenchApp.class);
			this.memory.forEach((key, value) -> {
				heap.put(key, List.of(value.heapAfter()));
				rss.put(key, List.of(value.rssAfter()));
			});
			this.ratios.add(ratio("heap after " + this.settings.sessions() + " sessions", heap, Stats::median, false,
					"", null));
			double starterPerSession = perSessionKb(BenchApp.STARTER);
			this.ratios.add(new Ratio("heap per session", starterPerSession / perSessionKb(BenchApp.BASELINE),
					Double.NaN, false, "≤ 4.5 KB", starterPerSession <= 4.5));
			line(out, "");
			line(out, String.format(Locale.ROOT, "Heap per signed-in session, starter: **%.2f KB** (goal ≤ 4.5 KB: %s);"
					+ " baseline %.2f KB.", starterPerSession, met(last().met()), perSessionKb(BenchApp.BASELINE)));
			this.ratios.add(ratio("RSS after " + this.settings.sessions() + " sessions", rss, Stats::median, false,
					"≤ 1.0 of baseline", (toBaseline) -> toBaseline <= 1.0));
			line(out, String.format(Locale.ROOT, "RSS after the run, starter / baseline: **%.2f** (goal ≤ 1.0: %s).",
					last().toBaseline(), met(last().met())));
			long starter = this.sessionBytes.get(BenchApp.STARTER);
			long baseline = this.sessionBytes.get(BenchApp.BASELINE);
			this.ratios.add(new Ratio("one session serialized", starter / (double) baseline, Double.NaN, false,
					"< 4 KB", starter < 4096));
			line(out, "");
			line(out, String.format(Locale.ROOT, "One starter session serialized alone: **%d bytes** (goal < 4096: %s);"
					+ " baseline %d. Per attribute, each serialized alone:", starter, met(last().met()), baseline));
			line(out, "");
			this.sessionAttributes.forEach((key, attributes) -> line(out, "- " + key.label + ": "
					+ String.join(", ", attributes)));
			line(out, "");
			line(out, "Where the heap of a session goes: `jcmd GC.class_histogram` after the logins minus before them,"
					+ " per session, the classes that grew most (at least 1 byte per session).");
			this.histograms.forEach((key, rows) -> {
				line(out, "");
				line(out, "| " + key.label + ": class | instances per session | bytes per session |");
				line(out, "|---|---|---|");
				rows.forEach((row) -> line(out, row));
			});
		}
	}

	private double perSessionKb(BenchApp app) {
		Memory measured = this.memory.get(app);
		return (measured.heapAfter() - measured.heapBefore()) * 1024 / this.settings.sessions();
	}

	/** What grew per session, by class, between two class histograms of an app. */
	void histogram(BenchApp app, Map<String, long[]> before, Map<String, long[]> after) {
		int sessions = this.settings.sessions();
		List<String> rows = new ArrayList<>();
		after.entrySet()
			.stream()
			.map((entry) -> Map.entry(entry.getKey(), new long[] {
					entry.getValue()[0] - before.getOrDefault(entry.getKey(), new long[2])[0],
					entry.getValue()[1] - before.getOrDefault(entry.getKey(), new long[2])[1] }))
			.filter((entry) -> entry.getValue()[1] >= sessions)
			.sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
			.limit(15)
			.forEach((entry) -> rows.add(String.format(Locale.ROOT, "| `%s` | %.2f | %.0f |", entry.getKey(),
					entry.getValue()[0] / (double) sessions, entry.getValue()[1] / (double) sessions)));
		long total = after.values().stream().mapToLong((counts) -> counts[1]).sum()
				- before.values().stream().mapToLong((counts) -> counts[1]).sum();
		rows.add(String.format(Locale.ROOT, "| all classes | | %.0f |", total / (double) sessions));
		this.histograms.put(app, rows);
	}

	private final Map<BenchApp, List<String>> histograms = new EnumMap<>(BenchApp.class);

	private final Map<BenchApp, Long> sessionBytes = new EnumMap<>(BenchApp.class);

	private final Map<BenchApp, List<String>> sessionAttributes = new EnumMap<>(BenchApp.class);

	void coldStart(List<String> flags, Map<String, List<String>> variants, Map<String, List<Double>> millis, long aotBytes, long cdsBytes,
			String aotFlagOnJdk17) {
		StringBuilder out = section("5. Cold start (a Space waking up)");
		line(out, "The sample app with the starter, started as its container starts it: the ENTRYPOINT of"
				+ " `sample-app/Dockerfile`, `java " + String.join(" ", flags)
				+ " -jar app.jar`, in properties mode against the fake; every variant below has those flags too. The cached variants run the"
				+ " extracted jar (`java -Djarmode=tools -jar app.jar extract`), since classes loaded from nested"
				+ " jars cannot be cached, with a cache made by one training run"
				+ " (`-Dspring.context.exit=onRefresh`, nothing configured: mock mode, as at image build time)."
				+ " Each variant " + this.settings.coldStartRuns() + " times, interleaved.");
		line(out, "");
		line(out, "| variant | command | startup, ms: median (min–max) | ratio to the same JDK's plain `java -jar` |");
		line(out, "|---|---|---|---|");
		double plain25 = new Stats(millis.get("JDK 25, java -jar (plain)")).median();
		double plain17 = new Stats(millis.get("JDK 17, java -jar (plain)")).median();
		for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
			Stats stats = new Stats(millis.get(variant.getKey()));
			double plain = variant.getKey().startsWith("JDK 25") ? plain25 : plain17;
			String command = String.join(" ", variant.getValue().subList(1, variant.getValue().size()))
				.replaceAll("/\\S*/", "");
			line(out, String.format(Locale.ROOT, "| %s | `java %s` | %s | %.2f |", variant.getKey(), command,
					stats.describe("%.0f"), stats.median() / plain));
		}
		double aotRatio = new Stats(millis.get("JDK 25, extracted + AOT cache")).median() / plain25;
		double cdsRatio = new Stats(millis.get("JDK 17, extracted + CDS archive")).median() / plain17;
		this.ratios.add(new Ratio("cold start, AOT cache / plain (JDK 25)", aotRatio, Double.NaN, false, "≤ 0.6",
				aotRatio <= 0.6));
		this.ratios.add(new Ratio("cold start, CDS / plain (JDK 17)", cdsRatio, Double.NaN, false, "", null));
		line(out, "");
		line(out, String.format(Locale.ROOT, "AOT cache / plain on JDK 25: **%.2f** (goal ≤ 0.6: %s); CDS / plain on"
				+ " JDK 17: %.2f. Cache sizes: AOT %.0f MB, CDS %.0f MB. `-XX:AOTCache` on JDK 17: `%s`.", aotRatio,
				met(aotRatio <= 0.6), cdsRatio, aotBytes / 1048576.0, cdsBytes / 1048576.0, aotFlagOnJdk17));
	}

	void profile(BenchApp app, String load, Map<String, Double> shares) {
		this.profiles.put(app.label + ", " + load, shares);
	}

	String markdown(Path root, String chart) throws IOException {
		StringBuilder out = new StringBuilder();
		line(out, "# Benchmarks: the starter against hand-written Spring Security");
		line(out, "");
		line(out, "Written by `bench/run`" + (this.settings.quick() ? " --quick (a short run, not for quoting)" : "")
				+ "; do not edit by hand. Three apps with the same pages and `/api/me`: **starter** (the sample"
				+ " app with the starter, properties mode), **baseline** (`bench/baseline-app`: Spring Security's"
				+ " OAuth2 login configured by hand with `spring.security.oauth2.client.*` properties, an"
				+ " `issuer-uri` and an `OidcUserService` subclass that turns the organizations into authorities),"
				+ " **floor** (`bench/floor-app`: no security). Hugging Face is the fake of the tests"
				+ " (`FakeHuggingFace`, WireMock) on 127.0.0.1. The machine is shared and noisy: every figure is a"
				+ " ratio between apps measured in the same run, interleaved; absolute times are only for"
				+ " reading the ratios.");
		line(out, "");
		line(out, "## Summary (ratios)");
		line(out, "");
		line(out, "![ratios](" + chart + ")");
		line(out, "");
		line(out, "| figure | starter / baseline | starter / floor | better | goal |");
		line(out, "|---|---|---|---|---|");
		for (Ratio ratio : this.ratios) {
			line(out, String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |", ratio.metric(), num(ratio.toBaseline()),
					num(ratio.toFloor()), ratio.higherIsBetter() ? "higher" : "lower",
					ratio.goal().isEmpty() ? "" : ratio.goal() + ": " + met(ratio.met())));
		}
		this.sections.forEach((title, body) -> {
			line(out, "");
			line(out, "## " + title);
			line(out, "");
			out.append(body);
		});
		line(out, "");
		line(out, "## Profiles");
		line(out, "");
		line(out, "JFR (`settings=profile`) on the running apps during a 10 s `wrk` on `/api/me` and during 500 logins;"
				+ " the share of the request threads' CPU samples in each part: a sample counts once, for the"
				+ " first part met from the top of its stack down (the code running, or the nearest library that"
				+ " called it).");
		line(out, "");
		List<String> columns = new ArrayList<>(this.profiles.keySet());
		line(out, "| part | " + String.join(" | ", columns) + " |");
		line(out, "|---|" + "---|".repeat(columns.size()));
		for (String part : Profiles.PARTS.keySet()) {
			StringBuilder row = new StringBuilder("| " + part + " |");
			for (String column : columns) {
				row.append(String.format(Locale.ROOT, " %.0f%% |", this.profiles.get(column).get(part) * 100));
			}
			line(out, row.toString());
		}
		StringBuilder samples = new StringBuilder("| samples |");
		for (String column : columns) {
			samples.append(String.format(Locale.ROOT, " %.0f |", this.profiles.get(column).get("samples")));
		}
		line(out, samples.toString());
		Path analysis = root.resolve("bench/analysis.md");
		if (Files.exists(analysis)) {
			line(out, "");
			out.append(Files.readString(analysis));
		}
		line(out, "");
		line(out, "## Machine");
		line(out, "");
		out.append(this.machine);
		return out.toString();
	}

	private Ratio ratio(String metric, Map<BenchApp, List<Double>> values, ToDoubleFunction<Stats> statistic,
			boolean higherIsBetter, String goal, java.util.function.DoublePredicate met) {
		double starter = statistic.applyAsDouble(new Stats(values.get(BenchApp.STARTER)));
		double baseline = statistic.applyAsDouble(new Stats(values.get(BenchApp.BASELINE)));
		double floor = values.containsKey(BenchApp.FLOOR)
				? statistic.applyAsDouble(new Stats(values.get(BenchApp.FLOOR))) : Double.NaN;
		double toBaseline = starter / baseline;
		return new Ratio(metric, toBaseline, starter / floor, higherIsBetter, goal,
				(met != null) ? met.test(toBaseline) : null);
	}

	private Ratio last() {
		return this.ratios.get(this.ratios.size() - 1);
	}

	private static Map<BenchApp, List<Double>> pick(Map<BenchApp, List<Tools.WrkResult>> results,
			ToDoubleFunction<Tools.WrkResult> field) {
		Map<BenchApp, List<Double>> picked = new EnumMap<>(BenchApp.class);
		results.forEach((app, list) -> picked.put(app, list.stream().map(field::applyAsDouble).toList()));
		return picked;
	}

	private StringBuilder section(String title) {
		return this.sections.computeIfAbsent(title, (key) -> new StringBuilder());
	}

	private static String met(Boolean met) {
		return Boolean.TRUE.equals(met) ? "met" : "**missed**";
	}

	private static String num(double value) {
		return Double.isNaN(value) || Double.isInfinite(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
	}

	private static void line(StringBuilder out, String text) {
		out.append(text).append('\n');
	}

	private static String firstLine(String text) {
		return text.lines().findFirst().orElse("").trim();
	}

	private static String loadAverage() throws IOException {
		return Files.readString(Path.of("/proc/loadavg")).trim();
	}

	private static String wrkVersion() throws IOException, InterruptedException {
		Process process = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		process.waitFor();
		return output;
	}

}
