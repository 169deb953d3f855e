package io.github.hfoauth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The command-line tools the harness drives: wrk, jcmd, and /proc. */
final class Tools {

	private Tools() {
	}

	/** Runs a command to its end and returns its output; fails on a non-zero exit. */
	static String run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IOException(String.join(" ", command) + " failed:\n" + output);
		}
		return output;
	}

	/**
	 * A wrk run's figures.
	 * @param requestsPerSecond throughput
	 * @param p50Millis median latency
	 * @param p99Millis 99th percentile latency
	 */
	record WrkResult(double requestsPerSecond, double p50Millis, double p99Millis) {
	}

	static WrkResult wrk(String url, String sessionId, int connections, int seconds)
			throws IOException, InterruptedException {
		String output = run(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-H",
				"Cookie: " + LoginClient.SESSION_COOKIE + "=" + sessionId, url));
		if (output.contains("Non-2xx or 3xx responses") || output.contains("Socket errors")) {
			throw new IOException("wrk saw failed requests on " + url + ":\n" + output);
		}
		return new WrkResult(number(output, "Requests/sec:\\s+([\\d.]+)"), latency(output, "50%"),
				latency(output, "99%"));
	}

	private static double latency(String output, String percentile) {
		Matcher matcher = Pattern.compile(percentile + "\\s+([\\d.]+)(us|ms|s)").matcher(output);
		if (!matcher.find()) {
			throw new IllegalStateException("No " + percentile + " latency in wrk output:\n" + output);
		}
		double value = Double.parseDouble(matcher.group(1));
		return switch (matcher.group(2)) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			default -> value;
		};
	}

	private static double number(String text, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		if (!matcher.find()) {
			throw new IllegalStateException("No match for " + regex + " in:\n" + text);
		}
		return Double.parseDouble(matcher.group(1));
	}

	/** Heap in use after a full collection, in MB, from {@code jcmd GC.run} and {@code GC.heap_info}. */
	static double heapAfterFullGcMb(long pid) throws IOException, InterruptedException {
		run(List.of(jcmd(), String.valueOf(pid), "GC.run"));
		String info = run(List.of(jcmd(), String.valueOf(pid), "GC.heap_info"));
		return number(info, "used (\\d+)K") / 1024;
	}

	/**
	 * Instances and bytes per class, from {@code jcmd GC.class_histogram} (which collects
	 * first, so only what is reachable counts).
	 */
	static Map<String, long[]> classHistogram(long pid) throws IOException, InterruptedException {
		Map<String, long[]> histogram = new HashMap<>();
		Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)")
			.matcher(run(List.of(jcmd(), String.valueOf(pid), "GC.class_histogram")));
		while (row.find()) {
			histogram.merge(row.group(3), new long[] { Long.parseLong(row.group(1)), Long.parseLong(row.group(2)) },
					(a, b) -> new long[] { a[0] + b[0], a[1] + b[1] });
		}
		return histogram;
	}

	/** Resident set size in MB, from {@code /proc/PID/status}. */
	static double rssMb(long pid) throws IOException {
		String status = Files.readString(Path.of("/proc", String.valueOf(pid), "status"));
		return number(status, "VmRSS:\\s+(\\d+) kB") / 1024;
	}

	static String jcmd() {
		return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
	}

}
