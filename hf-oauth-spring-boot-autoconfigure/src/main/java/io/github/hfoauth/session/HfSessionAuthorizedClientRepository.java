package io.github.hfoauth.session;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.util.StringUtils;

/**
 * Public only for wiring: the auto-configuration declares it as the
 * {@code OAuth2AuthorizedClientRepository}; an app declares its own repository by that type.
 * <p>
 * Keeps the signed-in user's Hugging Face tokens in the HTTP session, like Spring Security's
 * {@code HttpSessionOAuth2AuthorizedClientRepository}, but stores only the tokens: the client
 * registration is looked up again when the tokens are loaded. So a session in a shared store
 * holds no client secret and no copy of the provider's discovery document, and stays small
 * (about 0.5 KB instead of 4.5 KB in a typical session).
 * <p>
 * The tokens go away with the session, at logout or when it expires.
 */
public final class HfSessionAuthorizedClientRepository implements OAuth2AuthorizedClientRepository {

	private static final String ATTRIBUTE_PREFIX = HfSessionAuthorizedClientRepository.class.getName() + ".";

	private final ClientRegistrationRepository registrations;

	private final RegistrationLookupPause lookupPause;

	/**
	 * Creates the repository.
	 * @param registrations where the registration of stored tokens is looked up
	 */
	public HfSessionAuthorizedClientRepository(ClientRegistrationRepository registrations) {
		this(registrations, Clock.systemUTC());
	}

	HfSessionAuthorizedClientRepository(ClientRegistrationRepository registrations, Clock clock) {
		this.registrations = registrations;
		this.lookupPause = new RegistrationLookupPause(clock);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
			@Nullable Authentication principal, HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(attribute(clientRegistrationId)) instanceof Tokens tokens)) {
			return null;
		}
		ClientRegistration registration = registration(clientRegistrationId);
		return (registration != null) ? (T) tokens.toAuthorizedClient(registration) : null;
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, @Nullable Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		request.getSession().setAttribute(attribute(authorizedClient.getClientRegistration().getRegistrationId()),
				Tokens.of(authorizedClient));
	}

	@Override
	public void removeAuthorizedClient(String clientRegistrationId, @Nullable Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(attribute(clientRegistrationId));
		}
	}

	// The registration comes from discovery, which an instance that has not yet signed anyone
	// in does now; while Hugging Face is unreachable the tokens are unusable anyway, and every
	// request (the token expiry check reads the tokens) would otherwise try again.
	private @Nullable ClientRegistration registration(String clientRegistrationId) {
		if (this.lookupPause.isQuiet()) {
			return null;
		}
		try {
			ClientRegistration registration = this.registrations.findByRegistrationId(clientRegistrationId);
			this.lookupPause.succeeded();
			return registration;
		}
		catch (RuntimeException ex) {
			this.lookupPause.failed(clientRegistrationId, ex);
			return null;
		}
	}

	private static String attribute(String clientRegistrationId) {
		return ATTRIBUTE_PREFIX + clientRegistrationId;
	}

	/**
	 * What the session holds of an authorized client, written as {@link CompactTokens}.
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
	record Tokens(String principalName, String tokenType, String accessToken, @Nullable Instant issuedAt,
			@Nullable Instant expiresAt, String scopes, @Nullable String refreshToken,
			@Nullable Instant refreshTokenIssuedAt, @Nullable Instant refreshTokenExpiresAt) implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		static Tokens of(OAuth2AuthorizedClient client) {
			OAuth2AccessToken access = client.getAccessToken();
			OAuth2RefreshToken refresh = client.getRefreshToken();
			return new Tokens(client.getPrincipalName(), access.getTokenType().getValue(), access.getTokenValue(),
					access.getIssuedAt(), access.getExpiresAt(), String.join(" ", access.getScopes()),
					(refresh != null) ? refresh.getTokenValue() : null, (refresh != null) ? refresh.getIssuedAt() : null,
					(refresh != null) ? refresh.getExpiresAt() : null);
		}

		// A record prints every component: never the tokens, in a log line or a debugger.
		@Override
		public String toString() {
			return "Tokens[principalName=" + this.principalName + ", tokenType=" + this.tokenType + ", scopes="
					+ this.scopes + ", expiresAt=" + this.expiresAt + ", refreshToken="
					+ ((this.refreshToken != null) ? "[PROTECTED]" : "none") + "]";
		}

		@Serial
		private Object writeReplace() {
			return new CompactTokens(this);
		}

		OAuth2AuthorizedClient toAuthorizedClient(ClientRegistration registration) {
			OAuth2AccessToken.TokenType type = OAuth2AccessToken.TokenType.DPOP.getValue().equalsIgnoreCase(this.tokenType)
					? OAuth2AccessToken.TokenType.DPOP : OAuth2AccessToken.TokenType.BEARER;
			OAuth2AccessToken access = new OAuth2AccessToken(type, this.accessToken, this.issuedAt, this.expiresAt,
					Set.of(StringUtils.tokenizeToStringArray(this.scopes, " ")));
			OAuth2RefreshToken refresh = (this.refreshToken != null)
					? new OAuth2RefreshToken(this.refreshToken, this.refreshTokenIssuedAt, this.refreshTokenExpiresAt)
					: null;
			return new OAuth2AuthorizedClient(registration, this.principalName, access, refresh);
		}

	}

	/**
	 * How {@link Tokens} is stored: its values one after the other, without Java
	 * serialization's description of each field (some 250 bytes of every session).
	 * Compatibility follows the rule in {@code io.github.hfoauth.StoredUser}.
	 */
	static final class CompactTokens implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		private transient Tokens tokens;

		CompactTokens(Tokens tokens) {
			this.tokens = tokens;
		}

		@Serial
		private void writeObject(ObjectOutputStream out) throws IOException {
			out.defaultWriteObject();
			out.writeObject(this.tokens.principalName());
			out.writeObject(this.tokens.tokenType());
			out.writeObject(this.tokens.accessToken());
			out.writeObject(this.tokens.issuedAt());
			out.writeObject(this.tokens.expiresAt());
			out.writeObject(this.tokens.scopes());
			out.writeObject(this.tokens.refreshToken());
			out.writeObject(this.tokens.refreshTokenIssuedAt());
			out.writeObject(this.tokens.refreshTokenExpiresAt());
		}

		@Serial
		private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
			in.defaultReadObject();
			try {
				this.tokens = new Tokens((String) in.readObject(), (String) in.readObject(), (String) in.readObject(),
						(Instant) in.readObject(), (Instant) in.readObject(), (String) in.readObject(),
						(String) in.readObject(), (Instant) in.readObject(), (Instant) in.readObject());
			}
			catch (ClassCastException ex) {
				throw new InvalidObjectException("Not the tokens of a session: " + ex.getMessage());
			}
		}

		@Serial
		private Object readResolve() {
			return this.tokens;
		}

	}

}
