package io.github.hfoauth.autoconfigure;

import java.net.URI;
import java.util.LinkedHashMap;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import io.github.hfoauth.HfOAuth2ErrorCodes;
import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.HfSignInException;
import io.github.hfoauth.HfSignInMode;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthenticationMethod;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.web.client.RestClient;

/**
 * The {@code huggingface} client registration, built from the provider's discovery document
 * at the first sign-in rather than at startup, so that the application starts and serves its
 * public pages while Hugging Face is unreachable. A successful discovery is kept for the life
 * of the application; a failed one is tried again at the next sign-in.
 * <p>
 * Deliberately not {@code Iterable}: Spring Security iterates iterable repositories while
 * building the filter chain, which would force discovery at startup.
 */
final class HfClientRegistrationRepository implements ClientRegistrationRepository {

	private static final Log logger = LogFactory.getLog(HfClientRegistrationRepository.class);

	private final @Nullable HfClientSettings settings;

	private final RestClient restClient;

	private volatile @Nullable ClientRegistration registration;

	private volatile @Nullable Failure lastFailure;

	HfClientRegistrationRepository(@Nullable HfClientSettings settings, RestClient restClient) {
		this.settings = settings;
		this.restClient = restClient;
	}

	/**
	 * The repository for the application's configuration, which it logs, warning about a gate
	 * that cannot see memberships.
	 * @param properties the starter's properties
	 * @param environment the environment, for the Space's variables
	 * @param mode how users sign in: in mock mode the repository holds no registration
	 * @return the repository
	 */
	static HfClientRegistrationRepository create(HfOAuthProperties properties, Environment environment,
			HfSignInMode mode, ObjectProvider<ObservationRegistry> observations) {
		if (mode == HfSignInMode.MOCK) {
			return new HfClientRegistrationRepository(null, new HfProviderHttp(properties, observations).plain());
		}
		SpaceEnvironment space = SpaceEnvironment.read(environment);
		HfClientSettings settings = HfClientSettings.resolve(properties, space);
		warnIfTheGateCannotSeeMemberships(properties, settings, space != null);
		logger.info("Sign in with Hugging Face configured from " + settings.source() + ": client " + settings.clientId()
				+ ", scopes " + String.join(" ", settings.scopes()) + ", redirect URI " + settings.redirectUri());
		return new HfClientRegistrationRepository(settings, new HfProviderHttp(properties, observations).plain());
	}

	// Without read-memberships Hugging Face lists only the organizations a user grants on the
	// consent screen, so members who do not would be refused.
	private static void warnIfTheGateCannotSeeMemberships(HfOAuthProperties properties, HfClientSettings settings,
			boolean inSpace) {
		if (!properties.getAllowedOrganizations().isEmpty() && !settings.scopes().contains("read-memberships")) {
			logger.warn("hf.oauth.allowed-organizations limits sign-in to members of "
					+ properties.getAllowedOrganizations() + ", but the scopes (" + String.join(" ", settings.scopes())
					+ ") lack read-memberships, so Hugging Face may not list the user's organizations. Add "
					+ "read-memberships to " + (inSpace ? "hf_oauth_scopes in the Space's README metadata"
							: "hf.oauth.scopes") + ".");
		}
	}

	/**
	 * The registration if discovery already succeeded: a WebFlux app needs no worker thread
	 * for it then.
	 * @return the discovered registration, or {@code null}
	 */
	@Nullable ClientRegistration discovered() {
		return this.registration;
	}

	/**
	 * Where the provider's discovery document is read, and the health indicator checks it.
	 * @return the location, or {@code null} in mock mode
	 */
	@Nullable String discoveryLocation() {
		return (this.settings != null) ? this.settings.providerUrl() + "/.well-known/openid-configuration" : null;
	}

	@Override
	public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
		if (this.settings == null || !HfOAuth2Registration.REGISTRATION_ID.equals(registrationId)) {
			return null;
		}
		ClientRegistration registration = this.registration;
		if (registration == null) {
			long waitingSince = System.nanoTime();
			synchronized (this) {
				registration = this.registration;
				if (registration == null) {
					// Sign-ins that queued behind a failed attempt share its answer rather than
					// each wait out the timeouts again; the next sign-in tries afresh.
					Failure failure = this.lastFailure;
					if (failure != null && failure.at() - waitingSince >= 0) {
						throw failure.exception();
					}
					try {
						registration = discover();
					}
					catch (OAuth2AuthenticationException ex) {
						this.lastFailure = new Failure(ex, System.nanoTime());
						throw ex;
					}
					this.registration = registration;
				}
			}
		}
		return registration;
	}

	private record Failure(OAuth2AuthenticationException exception, long at) {
	}

	private ClientRegistration discover() {
		String location = this.settings.providerUrl() + "/.well-known/openid-configuration";
		OIDCProviderMetadata metadata;
		try {
			String document = this.restClient.get().uri(location).retrieve().body(String.class);
			metadata = OIDCProviderMetadata.parse((document != null) ? document : "");
		}
		catch (ParseException ex) {
			throw unavailable(location, "the discovery document is not valid OpenID provider metadata ("
					+ ex.getMessage() + ")");
		}
		catch (RuntimeException ex) {
			throw unavailable(location, abbreviate(ex.getClass().getSimpleName() + ": " + ex.getMessage()));
		}
		String issuer = metadata.getIssuer().getValue();
		if (!this.settings.providerUrl().equals(issuer)) {
			// OpenID Connect Discovery 1.0, section 4.3: the issuer must be the URL the
			// document was asked for, else ID tokens could be accepted from the wrong issuer.
			throw unavailable(location, "it names the issuer '" + issuer + "' instead of '"
					+ this.settings.providerUrl() + "'; check hf.oauth.provider-url");
		}
		ClientRegistration registration = registration(metadata);
		logger.info("Discovered Hugging Face sign-in endpoints at " + location);
		return registration;
	}

	private ClientRegistration registration(OIDCProviderMetadata metadata) {
		boolean publicClient = this.settings.clientSecret() == null;
		ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(HfOAuth2Registration.REGISTRATION_ID)
			.clientName("Hugging Face")
			.clientId(this.settings.clientId())
			.clientAuthenticationMethod(publicClient ? ClientAuthenticationMethod.NONE
					: ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(this.settings.redirectUri())
			.scope(this.settings.scopes())
			.issuerUri(metadata.getIssuer().getValue())
			.authorizationUri(text(metadata.getAuthorizationEndpointURI()))
			.tokenUri(text(metadata.getTokenEndpointURI()))
			.userInfoUri(text(metadata.getUserInfoEndpointURI()))
			.userInfoAuthenticationMethod(AuthenticationMethod.HEADER)
			.userNameAttributeName("sub")
			.jwkSetUri(text(metadata.getJWKSetURI()))
			.providerConfigurationMetadata(new LinkedHashMap<>(metadata.toJSONObject()))
			// PKCE for confidential clients too: it protects the code even when the secret leaks.
			.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build());
		if (!publicClient) {
			builder.clientSecret(this.settings.clientSecret());
		}
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw unavailable(this.settings.providerUrl(), "its discovery document lacks an endpoint: " + ex.getMessage());
		}
	}

	private static @Nullable String text(@Nullable URI uri) {
		return (uri != null) ? uri.toString() : null;
	}

	// An error page's body can be long; the log line needs only its start.
	private static String abbreviate(String text) {
		return (text.length() <= 300) ? text : text.substring(0, 300) + "...";
	}

	// The sign-in failure handler logs the description: one WARN line for this failure.
	private static HfSignInException unavailable(String location, String reason) {
		return new HfSignInException(HfOAuth2ErrorCodes.PROVIDER_UNAVAILABLE,
				"could not use " + location + ": " + reason + ". Discovery will be tried again at the next sign-in.");
	}

}
