package io.github.hfoauth.autoconfigure;

import java.util.concurrent.Callable;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Blocking work on the WebFlux path (discovery, a JWKS fetch): it runs on
 * {@link Schedulers#boundedElastic()}, and what follows (down to writing the answer) runs on
 * {@link Schedulers#parallel()}. A {@code boundedElastic} task cancelled from another thread
 * while it runs is interrupted, and Tomcat closes the connection of an answer written from an
 * interrupted thread: the user got no answer at all.
 */
final class WorkerThreads {

	private WorkerThreads() {
	}

	static <T> Mono<T> call(Callable<? extends T> blockingWork) {
		return Mono.<T>fromCallable(blockingWork)
			.subscribeOn(Schedulers.boundedElastic())
			.publishOn(Schedulers.parallel());
	}

}
