package io.github.hfoauth;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The user signed in with Hugging Face: what an application injects with
 * {@code @AuthenticationPrincipal HfOAuth2User user}.
 * <p>
 * Built once at sign-in from the validated ID token and Hugging Face's userinfo (which alone
 * carries {@code isPro}, {@code canPay} and the organizations). Every field may be absent,
 * depending on the scopes the user granted: getters return {@code null} (or an empty list)
 * rather than fail. Two users are equal when their {@linkplain #getSubject() sub} is, since a
 * Hugging Face user keeps the sub across renames.
 * <p>
 * {@link #getName()} returns the sub (Spring Security keys sessions and authorized clients
 * by it); use {@link #getUsername()} for the handle and {@link #getDisplayName()} for the
 * display name.
 */
public final class HfOAuth2User implements OidcUser, Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Set<GrantedAuthority> authorities;

	// The ID token and userinfo are kept as their parts, in compact maps that share what they
	// have alike (CompactClaims, SharedClaimValues): a session holds each claim once.
	private final String idTokenValue;

	private final @Nullable Instant idTokenIssuedAt;

	private final @Nullable Instant idTokenExpiresAt;

	private final Map<String, Object> idTokenClaims;

	private final @Nullable Map<String, Object> userInfoClaims;

	private final Map<String, Object> claims;

	private final String subject;

	private final @Nullable String username;

	private final @Nullable String displayName;

	private final @Nullable String email;

	private final @Nullable Boolean emailVerified;

	private final @Nullable String avatarUrl;

	private final @Nullable String profileUrl;

	private final @Nullable String website;

	private final boolean pro;

	private final @Nullable Boolean canPay;

	private final List<HfOrganization> organizations;

	/**
	 * Creates a user from a validated ID token and Hugging Face's userinfo.
	 * @param authorities the authorities granted to the user
	 * @param idToken the validated ID token; its claims win over userinfo's for the
	 * standard claims, as in Spring Security's {@code DefaultOidcUser}
	 * @param userInfo the userinfo claims, or {@code null} if userinfo was not called
	 */
	public HfOAuth2User(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken,
			@Nullable OidcUserInfo userInfo) {
		this(authorities, idToken, CompactClaims.of(claimsOf(idToken), Map.of()), userInfo);
	}

	private HfOAuth2User(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken,
			Map<String, Object> idTokenClaims, @Nullable OidcUserInfo userInfo) {
		this(authorities, idToken.getTokenValue(), idToken.getIssuedAt(), idToken.getExpiresAt(), idTokenClaims,
				(userInfo != null) ? CompactClaims.of(userInfo.getClaims(), idTokenClaims) : null, null, null);
	}

	// claims and organizations: those already derived from the parts, or null to derive them.
	private HfOAuth2User(Collection<? extends GrantedAuthority> authorities, String idTokenValue,
			@Nullable Instant idTokenIssuedAt, @Nullable Instant idTokenExpiresAt, Map<String, Object> idTokenClaims,
			@Nullable Map<String, Object> userInfoClaims, @Nullable Map<String, Object> claims,
			@Nullable List<HfOrganization> organizations) {
		Assert.notNull(authorities, "authorities must not be null");
		Object sub = idTokenClaims.get(IdTokenClaimNames.SUB);
		Assert.isTrue(sub != null && StringUtils.hasText(sub.toString()), "the ID token must carry a sub");
		this.authorities = sharedAuthorities(authorities);
		this.idTokenValue = idTokenValue;
		this.idTokenIssuedAt = idTokenIssuedAt;
		this.idTokenExpiresAt = idTokenExpiresAt;
		this.idTokenClaims = idTokenClaims;
		this.userInfoClaims = userInfoClaims;
		this.claims = (claims != null) ? claims
				: (userInfoClaims != null) ? CompactClaims.merged(userInfoClaims, idTokenClaims) : idTokenClaims;
		this.subject = sub.toString();
		this.username = HfClaims.text(this.claims, "preferred_username");
		this.displayName = HfClaims.text(this.claims, "name");
		this.email = HfClaims.text(this.claims, "email");
		this.emailVerified = HfClaims.flag(this.claims, "email_verified");
		this.avatarUrl = HfClaims.text(this.claims, "picture");
		this.profileUrl = HfClaims.text(this.claims, "profile");
		this.website = HfClaims.text(this.claims, "website");
		this.pro = Boolean.TRUE.equals(HfClaims.flag(this.claims, "isPro"));
		this.canPay = HfClaims.flag(this.claims, "canPay");
		this.organizations = (organizations != null) ? organizations : organizationsOf(this.claims);
	}

	// The same user with other authorities: what sign-in parsed is shared, not parsed again.
	HfOAuth2User withAuthorities(Collection<? extends GrantedAuthority> authorities) {
		return new HfOAuth2User(authorities, this.idTokenValue, this.idTokenIssuedAt, this.idTokenExpiresAt,
				this.idTokenClaims, this.userInfoClaims, this.claims, this.organizations);
	}

	/**
	 * Starts building a user as a sign-in would, for tests and fixtures.
	 * @param username the user's handle
	 * @return a builder
	 */
	public static HfOAuth2UserBuilder builder(String username) {
		return new HfOAuth2UserBuilder(username);
	}

	private static Map<String, Object> claimsOf(OidcIdToken idToken) {
		Assert.notNull(idToken, "idToken must not be null");
		return idToken.getClaims();
	}

	// Users of the same organizations and scopes hold one set between them.
	private static Set<GrantedAuthority> sharedAuthorities(Collection<? extends GrantedAuthority> authorities) {
		Set<GrantedAuthority> set = Collections.unmodifiableSet(new LinkedHashSet<>(authorities));
		List<String> names = new ArrayList<>(set.size());
		boolean plainNames = true;
		for (GrantedAuthority authority : set) {
			names.add(authority.getAuthority());
			plainNames &= authority.getClass() == SimpleGrantedAuthority.class && authority.getAuthority() != null;
		}
		return SharedClaimValues.authorities(set, names, plainNames);
	}

	private static List<HfOrganization> organizationsOf(Map<String, ?> claims) {
		List<HfOrganization> organizations = new ArrayList<>();
		for (Map<String, ?> entry : HfClaims.objects(claims, "orgs")) {
			HfOrganization organization = SharedClaimValues.organization(entry);
			if (organization != null) {
				organizations.add(organization);
			}
		}
		return Collections.unmodifiableList(organizations);
	}

	/**
	 * The principal's name: the user's sub, stable across renames.
	 * @return the sub
	 */
	@Override
	public String getName() {
		return this.subject;
	}

	@Override
	public String getSubject() {
		return this.subject;
	}

	/**
	 * The user's handle, as in {@code huggingface.co/ada} ({@code preferred_username}).
	 * @return the handle, or {@code null} if Hugging Face did not send it
	 */
	public @Nullable String getUsername() {
		return this.username;
	}

	@Override
	public @Nullable String getPreferredUsername() {
		return this.username;
	}

	/**
	 * The user's display name ({@code name}), such as {@code Ada Lovelace}.
	 * @return the display name, or {@code null}
	 */
	public @Nullable String getDisplayName() {
		return this.displayName;
	}

	@Override
	public @Nullable String getFullName() {
		return this.displayName;
	}

	/**
	 * The user's email address; present only with scope {@code email}.
	 * @return the email address, or {@code null}
	 */
	@Override
	public @Nullable String getEmail() {
		return this.email;
	}

	/**
	 * Whether Hugging Face verified the email address; present only with scope
	 * {@code email}.
	 * @return the flag, or {@code null}
	 */
	@Override
	public @Nullable Boolean getEmailVerified() {
		return this.emailVerified;
	}

	/**
	 * The user's avatar ({@code picture}).
	 * @return the avatar URL, or {@code null}
	 */
	public @Nullable String getAvatarUrl() {
		return this.avatarUrl;
	}

	@Override
	public @Nullable String getPicture() {
		return this.avatarUrl;
	}

	/**
	 * The user's Hugging Face profile page ({@code profile}).
	 * @return the profile URL, or {@code null}
	 */
	@Override
	public @Nullable String getProfile() {
		return this.profileUrl;
	}

	/**
	 * The website the user lists on their profile.
	 * @return the website URL, or {@code null}
	 */
	@Override
	public @Nullable String getWebsite() {
		return this.website;
	}

	/**
	 * Whether the user has a Pro subscription ({@code isPro}); {@code false} when Hugging
	 * Face did not say.
	 * @return {@code true} for Pro users
	 */
	public boolean isPro() {
		return this.pro;
	}

	/**
	 * Whether the user has a payment method; present only with scope {@code read-billing}.
	 * @return the flag, or {@code null}
	 */
	public @Nullable Boolean getCanPay() {
		return this.canPay;
	}

	/**
	 * Whether this is the local mock user of mock mode ({@code hf.oauth.mock.*}), signed in
	 * without Hugging Face: say so on the page, so nobody mistakes it for a real sign-in.
	 * @return {@code true} for the mock user
	 */
	public boolean isMock() {
		return HfMockLogin.MOCK_ISSUER.equals(String.valueOf(this.idTokenClaims.get(IdTokenClaimNames.ISS)));
	}

	/**
	 * The organizations Hugging Face listed for the user (see {@link HfOrganization} for
	 * when it lists them).
	 * @return the organizations, never {@code null}
	 */
	public List<HfOrganization> getOrganizations() {
		return this.organizations;
	}

	/**
	 * The organization with the given handle (ignoring case) or sub.
	 * @param orgHandleOrSub an organization handle such as {@code acme}, or its sub
	 * @return the organization, or empty if the user is not listed as a member
	 */
	public Optional<HfOrganization> getOrganization(String orgHandleOrSub) {
		for (HfOrganization organization : this.organizations) {
			if (organization.matches(orgHandleOrSub)) {
				return Optional.of(organization);
			}
		}
		return Optional.empty();
	}

	/**
	 * Whether the user is a member of the organization.
	 * @param orgHandleOrSub an organization handle such as {@code acme}, or its sub
	 * @return {@code true} if Hugging Face listed the user as a member
	 */
	public boolean isMemberOf(String orgHandleOrSub) {
		return getOrganization(orgHandleOrSub).isPresent();
	}

	/**
	 * The user's role in the organization.
	 * @param orgHandleOrSub an organization handle such as {@code acme}, or its sub
	 * @return the role, or empty if the user is not a member or the role was not granted
	 */
	public Optional<HfOrganizationRole> roleIn(String orgHandleOrSub) {
		return getOrganization(orgHandleOrSub).flatMap(HfOrganization::getRole);
	}

	/**
	 * Whether the user holds at least the given role in the organization (roles rank
	 * {@code admin > write > contributor > read}).
	 * @param orgHandleOrSub an organization handle such as {@code acme}, or its sub
	 * @param role the least role required
	 * @return {@code true} if the user's role is {@code role} or above
	 */
	public boolean hasRoleIn(String orgHandleOrSub, HfOrganizationRole role) {
		return roleIn(orgHandleOrSub).map((actual) -> actual.isAtLeast(role)).orElse(false);
	}

	@Override
	public Map<String, Object> getClaims() {
		return this.claims;
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.claims;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.authorities;
	}

	// Made on demand (at sign-out, when the session is written), with plain maps and lists as
	// sign-in built them, so that their stored forms are those of Spring Security's types.
	@Override
	public OidcIdToken getIdToken() {
		return new OidcIdToken(this.idTokenValue, this.idTokenIssuedAt, this.idTokenExpiresAt,
				CompactClaims.plain(this.idTokenClaims));
	}

	@Override
	public @Nullable OidcUserInfo getUserInfo() {
		return (this.userInfoClaims != null) ? new OidcUserInfo(CompactClaims.plain(this.userInfoClaims)) : null;
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof HfOAuth2User that && this.subject.equals(that.subject));
	}

	@Override
	public int hashCode() {
		return this.subject.hashCode();
	}

	// Stored as what it is built from, in one format: StoredUser.
	@Serial
	private Object writeReplace() {
		return new StoredUser(this);
	}

	@Serial
	private void readObject(ObjectInputStream in) throws InvalidObjectException {
		throw new InvalidObjectException("HfOAuth2User is read through its stored form");
	}

	// Never the ID token: toString ends up in logs.
	@Override
	public String toString() {
		return "HfOAuth2User[sub=" + this.subject + ", username=" + this.username + ", organizations="
				+ this.organizations.stream().map(HfOrganization::getUsername).toList() + "]";
	}

}
