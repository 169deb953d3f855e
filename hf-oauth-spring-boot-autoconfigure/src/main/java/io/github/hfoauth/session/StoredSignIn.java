package io.github.hfoauth.session;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamField;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.hfoauth.HfOAuth2User;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * A Hugging Face sign-in as the session store holds it: Spring Security's
 * {@code SecurityContextImpl} around an {@code OAuth2AuthenticationToken} whose principal is an
 * {@link HfOAuth2User}, without what the token repeats. The token lists the principal's
 * authorities a second time and, written by Java serialization or Spring Security's JSON, each
 * authority and class with it; here the user is stored once (its own form) and the token only
 * by what differs: its registration, authorities beyond the user's, the request details.
 * <p>
 * Read back, it is the same security context: the application sees no difference.
 * Compatibility follows the rule in {@code io.github.hfoauth.StoredUser}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
		isGetterVisibility = Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
final class StoredSignIn implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	// Written by writeObject alone: no field descriptions in the stream.
	@Serial
	private static final ObjectStreamField[] serialPersistentFields = {};

	private String registrationId;

	private HfOAuth2User user;

	// The token's authorities after the user's own (Spring Security may add some at sign-in).
	private @Nullable List<GrantedAuthority> moreAuthorities;

	private @Nullable String remoteAddress;

	private @Nullable String sessionId;

	@JsonCreator
	StoredSignIn(@JsonProperty("registrationId") String registrationId, @JsonProperty("user") HfOAuth2User user,
			@JsonProperty("moreAuthorities") @Nullable List<GrantedAuthority> moreAuthorities,
			@JsonProperty("remoteAddress") @Nullable String remoteAddress,
			@JsonProperty("sessionId") @Nullable String sessionId) {
		this.registrationId = registrationId;
		this.user = user;
		this.moreAuthorities = (moreAuthorities != null && !moreAuthorities.isEmpty()) ? moreAuthorities : null;
		this.remoteAddress = remoteAddress;
		this.sessionId = sessionId;
	}

	/**
	 * The stored form of a value, if it is a Hugging Face sign-in this form holds entirely.
	 * @param value a session attribute
	 * @return its stored form, or {@code null} to store the value as it is
	 */
	static @Nullable StoredSignIn of(Object value) {
		if (value.getClass() != SecurityContextImpl.class
				|| !(((SecurityContext) value).getAuthentication() instanceof OAuth2AuthenticationToken token)
				|| token.getClass() != OAuth2AuthenticationToken.class
				|| !(token.getPrincipal() instanceof HfOAuth2User user) || !token.isAuthenticated()) {
			return null;
		}
		List<GrantedAuthority> tokenAuthorities = new ArrayList<>(token.getAuthorities());
		List<GrantedAuthority> userAuthorities = new ArrayList<>(user.getAuthorities());
		if (tokenAuthorities.size() < userAuthorities.size()
				|| !tokenAuthorities.subList(0, userAuthorities.size()).equals(userAuthorities)) {
			return null;
		}
		Object details = token.getDetails();
		if (details == null) {
			return new StoredSignIn(token.getAuthorizedClientRegistrationId(), user,
					tokenAuthorities.subList(userAuthorities.size(), tokenAuthorities.size()), null, null);
		}
		if (details.getClass() == WebAuthenticationDetails.class) {
			WebAuthenticationDetails web = (WebAuthenticationDetails) details;
			return new StoredSignIn(token.getAuthorizedClientRegistrationId(), user,
					new ArrayList<>(tokenAuthorities.subList(userAuthorities.size(), tokenAuthorities.size())),
					web.getRemoteAddress(), web.getSessionId());
		}
		return null;
	}

	SecurityContext toSecurityContext() {
		List<GrantedAuthority> authorities = new ArrayList<>(this.user.getAuthorities());
		if (this.moreAuthorities != null) {
			authorities.addAll(this.moreAuthorities);
		}
		OAuth2AuthenticationToken token = new OAuth2AuthenticationToken(this.user, authorities, this.registrationId);
		if (this.remoteAddress != null || this.sessionId != null) {
			token.setDetails(new WebAuthenticationDetails(this.remoteAddress, this.sessionId));
		}
		return new SecurityContextImpl(token);
	}

	// Its values one after the other, without Java serialization's description of each field.
	@Serial
	private void writeObject(ObjectOutputStream out) throws IOException {
		out.defaultWriteObject();
		out.writeObject(this.registrationId);
		out.writeObject(this.user);
		out.writeObject((this.moreAuthorities != null) ? new ArrayList<>(this.moreAuthorities) : null);
		out.writeObject(this.remoteAddress);
		out.writeObject(this.sessionId);
	}

	@Serial
	@SuppressWarnings("unchecked")
	private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
		in.defaultReadObject();
		try {
			this.registrationId = (String) in.readObject();
			this.user = (HfOAuth2User) in.readObject();
			this.moreAuthorities = (List<GrantedAuthority>) in.readObject();
			this.remoteAddress = (String) in.readObject();
			this.sessionId = (String) in.readObject();
		}
		catch (ClassCastException ex) {
			throw new InvalidObjectException("Not a sign-in of a session: " + ex.getMessage());
		}
		if (this.registrationId == null || this.user == null) {
			throw new InvalidObjectException("Not a sign-in of a session: no registration or user");
		}
	}

}
