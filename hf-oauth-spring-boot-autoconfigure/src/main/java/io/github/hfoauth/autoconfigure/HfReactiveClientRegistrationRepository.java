package io.github.hfoauth.autoconfigure;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;

/**
 * The {@code huggingface} registration for WebFlux apps: the servlet side's lazily discovered
 * {@link HfClientRegistrationRepository}, so both stacks discover, cache and retry alike. The
 * one discovery call blocks, so it runs on a worker thread ({@link WorkerThreads}); once
 * discovered, the registration is answered at once.
 */
final class HfReactiveClientRegistrationRepository implements ReactiveClientRegistrationRepository {

	private final HfClientRegistrationRepository registrations;

	HfReactiveClientRegistrationRepository(HfClientRegistrationRepository registrations) {
		this.registrations = registrations;
	}

	@Nullable String discoveryLocation() {
		return this.registrations.discoveryLocation();
	}

	@Override
	public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
		ClientRegistration discovered = this.registrations.discovered();
		if (discovered != null && discovered.getRegistrationId().equals(registrationId)) {
			return Mono.just(discovered);
		}
		return WorkerThreads.call(() -> this.registrations.findByRegistrationId(registrationId));
	}

}
