package io.github.hfoauth.autoconfigure;

import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoderFactory;

/**
 * ID token validation for WebFlux apps by the servlet side's {@link HfIdTokenDecoderFactory},
 * so that both keep the JWKS until an unknown key id appears (Spring's reactive factory, like
 * its servlet one, builds a decoder and fetches the JWKS for every sign-in). Decoding can
 * fetch the JWKS, which blocks, so it runs on a worker thread, and the sign-in goes on from a
 * thread of {@link Schedulers#parallel()} ({@link WorkerThreads}).
 */
final class HfReactiveIdTokenDecoderFactory implements ReactiveJwtDecoderFactory<ClientRegistration> {

	private final JwtDecoderFactory<ClientRegistration> decoders;

	HfReactiveIdTokenDecoderFactory(JwtDecoderFactory<ClientRegistration> decoders) {
		this.decoders = decoders;
	}

	@Override
	public ReactiveJwtDecoder createDecoder(ClientRegistration registration) {
		JwtDecoder decoder = this.decoders.createDecoder(registration);
		return (token) -> WorkerThreads.call(() -> decoder.decode(token));
	}

}
