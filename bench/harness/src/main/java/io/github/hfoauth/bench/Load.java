package io.github.hfoauth.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a task a number of times from a number of concurrent clients and times each run. */
final class Load {

	/** One run of a task: what it returned, and how long it took. */
	interface Task<T> {

		T run() throws Exception;

	}

	/**
	 * The outcome of a load.
	 * @param results what each run returned
	 * @param latenciesMillis each run's latency
	 * @param seconds wall time of the whole load
	 */
	record Outcome<T>(List<T> results, List<Double> latenciesMillis, double seconds) {

		double perSecond() {
			return results.size() / seconds;
		}

	}

	static <T> Outcome<T> run(int count, int concurrency, Task<T> task) throws Exception {
		List<T> results = Collections.synchronizedList(new ArrayList<>(count));
		List<Double> latencies = Collections.synchronizedList(new ArrayList<>(count));
		AtomicInteger remaining = new AtomicInteger(count);
		ExecutorService clients = Executors.newFixedThreadPool(concurrency);
		long started = System.nanoTime();
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < concurrency; i++) {
				running.add(clients.submit(() -> {
					while (remaining.getAndDecrement() > 0) {
						long t0 = System.nanoTime();
						results.add(task.run());
						latencies.add((System.nanoTime() - t0) / 1e6);
					}
					return null;
				}));
			}
			for (Future<?> client : running) {
				client.get();
			}
		}
		finally {
			clients.shutdownNow();
		}
		return new Outcome<>(results, latencies, (System.nanoTime() - started) / 1e9);
	}

}
