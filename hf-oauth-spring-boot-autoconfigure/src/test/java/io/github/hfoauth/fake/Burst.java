package io.github.hfoauth.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Sends requests at once, as a page and its scripts arrive together: each on its own thread,
 * released together, so that they find the session in the same state.
 */
public final class Burst {

	// Bounds a test that would otherwise hang on a deadlock; not a measure of speed.
	private static final long GIVE_UP_SECONDS = 60;

	private Burst() {
	}

	/**
	 * Runs {@code request} {@code count} times at once and returns the answers in order.
	 * @param <T> what a request answers
	 * @param count how many requests
	 * @param request the request, given its index
	 * @return the answers
	 */
	public static <T> List<T> of(int count, IntFunction<T> request) {
		ExecutorService threads = Executors.newFixedThreadPool(count);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<T>> answers = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				answers.add(threads.submit(() -> {
					start.await();
					return request.apply(index);
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> answer : answers) {
				results.add(answer.get(GIVE_UP_SECONDS, TimeUnit.SECONDS));
			}
			return results;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the burst", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("A request of the burst failed", ex);
		}
		finally {
			threads.shutdownNow();
		}
	}

}
