package io.github.hfoauth.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestOperations;

/**
 * Decodes and validates ID tokens as Spring Security's {@link OidcIdTokenDecoderFactory}
 * does (RS256 signature from the JWKS, issuer, audience, expiry, nonce is checked by the
 * login provider), with two differences: the JWKS is fetched with the starter's timeouts, and
 * one decoder per registration keeps it until a token names a key id it does not hold, which
 * is when a provider that rotated its key is asked again. Spring's factory builds a new
 * decoder, and so fetches the JWKS again, for every sign-in.
 */
final class HfIdTokenDecoderFactory implements JwtDecoderFactory<ClientRegistration> {

	private final RestOperations jwksClient;

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	HfIdTokenDecoderFactory(RestOperations jwksClient) {
		this.jwksClient = jwksClient;
	}

	@Override
	public JwtDecoder createDecoder(ClientRegistration registration) {
		// Keyed by the JWKS URI too, so a registration whose endpoints changed gets a new decoder.
		String key = registration.getRegistrationId() + " " + registration.getProviderDetails().getJwkSetUri();
		return this.decoders.computeIfAbsent(key, (ignored) -> decoder(registration));
	}

	private JwtDecoder decoder(ClientRegistration registration) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
			.jwsAlgorithm(SignatureAlgorithm.RS256)
			.restOperations(this.jwksClient)
			.cache(new ConcurrentMapCache("hf-oauth-jwks"))
			.build();
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(), new OidcIdTokenValidator(registration)));
		decoder.setClaimSetConverter(
				MappedJwtClaimSetConverter.withDefaults(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverters()));
		return decoder;
	}

}
