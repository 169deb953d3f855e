package io.github.hfoauth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.util.Assert;
import org.springframework.util.DigestUtils;
import org.springframework.web.util.UriUtils;

/**
 * Builds an {@link HfOAuth2User} as a sign-in would, from Hugging Face's userinfo shape and
 * through {@link HfOAuth2UserConverter}: for tests (see {@code io.github.hfoauth.test}) and
 * for the mock user. Get one with {@link HfOAuth2User#builder(String)}:
 *
 * <pre class="code">
 * HfOAuth2User alice = HfOAuth2User.builder("alice")
 *     .name("Alice")
 *     .organization("acme", HfOrganizationRole.ADMIN)
 *     .build();
 * </pre>
 *
 * Defaults give a plausible user: display name = handle, a sub derived from the handle (stable
 * across runs), an inline avatar that needs no network, scopes {@code openid profile}.
 */
public final class HfOAuth2UserBuilder {

	private final String username;

	private @Nullable String sub;

	private @Nullable String name;

	private @Nullable String email;

	private @Nullable String avatarUrl;

	private @Nullable String website;

	private boolean pro;

	private @Nullable Boolean canPay;

	private final List<Map<String, Object>> organizations = new ArrayList<>();

	private final Set<String> scopes = new LinkedHashSet<>(List.of("openid", "profile"));

	private final Set<String> authorities = new LinkedHashSet<>();

	private String issuer = "https://huggingface.co";

	HfOAuth2UserBuilder(String username) {
		Assert.hasText(username, "username must not be empty");
		this.username = username;
	}

	/**
	 * The user's id (by default derived from the handle, stable across runs).
	 * @param sub the id
	 * @return this builder
	 */
	public HfOAuth2UserBuilder sub(String sub) {
		this.sub = sub;
		return this;
	}

	/**
	 * The user's display name (by default the handle).
	 * @param name the display name
	 * @return this builder
	 */
	public HfOAuth2UserBuilder name(String name) {
		this.name = name;
		return this;
	}

	/**
	 * The user's email address, marked verified (by default none).
	 * @param email the address, or {@code null} for none
	 * @return this builder
	 */
	public HfOAuth2UserBuilder email(@Nullable String email) {
		this.email = email;
		return this;
	}

	/**
	 * The user's avatar (by default an inline image that needs no network).
	 * @param avatarUrl the image URL, or {@code null} for the default
	 * @return this builder
	 */
	public HfOAuth2UserBuilder avatarUrl(@Nullable String avatarUrl) {
		this.avatarUrl = avatarUrl;
		return this;
	}

	/**
	 * The website on the user's profile (by default none).
	 * @param website the URL, or {@code null} for none
	 * @return this builder
	 */
	public HfOAuth2UserBuilder website(@Nullable String website) {
		this.website = website;
		return this;
	}

	/**
	 * Whether the user is a Pro subscriber (by default not).
	 * @param pro {@code true} for Pro
	 * @return this builder
	 */
	public HfOAuth2UserBuilder pro(boolean pro) {
		this.pro = pro;
		return this;
	}

	/**
	 * Whether the user has a payment method, as scope {@code read-billing} tells (by default not told).
	 * @param canPay the flag, or {@code null} for not told
	 * @return this builder
	 */
	public HfOAuth2UserBuilder canPay(@Nullable Boolean canPay) {
		this.canPay = canPay;
		return this;
	}

	/**
	 * Adds a membership.
	 * @param handle the organization's handle
	 * @param role the user's role there, or {@code null} when the organization was not granted
	 * @return this builder
	 */
	public HfOAuth2UserBuilder organization(String handle, @Nullable HfOrganizationRole role) {
		return organization(handle, null, role, null);
	}

	/**
	 * Adds a membership.
	 * @param handle the organization's handle
	 * @param name its display name, or {@code null} for the handle
	 * @param role the user's role there, or {@code null} when the organization was not granted
	 * @param plan its plan, such as {@code team}, or {@code null}
	 * @return this builder
	 */
	public HfOAuth2UserBuilder organization(String handle, @Nullable String name, @Nullable HfOrganizationRole role,
			@Nullable String plan) {
		Map<String, Object> organization = new LinkedHashMap<>();
		organization.put("sub", subOf("org:" + handle));
		organization.put("name", (name != null) ? name : handle);
		organization.put("preferred_username", handle);
		organization.put("picture", avatar(handle));
		if (plan != null) {
			organization.put("plan", plan);
		}
		if (role != null) {
			organization.put("roleInOrg", role.value());
		}
		this.organizations.add(organization);
		return this;
	}

	/**
	 * The scopes the sign-in granted, replacing {@code openid profile}.
	 * @param scopes the granted scopes
	 * @return this builder
	 */
	public HfOAuth2UserBuilder scopes(String... scopes) {
		this.scopes.clear();
		this.scopes.addAll(List.of(scopes));
		return this;
	}

	/**
	 * Authorities to add to those a sign-in gives.
	 * @param authorities the authority names
	 * @return this builder
	 */
	public HfOAuth2UserBuilder authorities(String... authorities) {
		this.authorities.addAll(List.of(authorities));
		return this;
	}

	/**
	 * The ID token's issuer ({@code https://huggingface.co} by default).
	 * @param issuer the issuer URL
	 * @return this builder
	 */
	public HfOAuth2UserBuilder issuer(String issuer) {
		this.issuer = issuer;
		return this;
	}

	/**
	 * The user in the shape of Hugging Face's userinfo.
	 * @return the claims
	 */
	public Map<String, Object> userInfo() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", (this.sub != null) ? this.sub : subOf("user:" + this.username));
		claims.put("name", (this.name != null) ? this.name : this.username);
		claims.put("preferred_username", this.username);
		if (this.email != null) {
			claims.put("email", this.email);
			claims.put("email_verified", true);
		}
		claims.put("picture", (this.avatarUrl != null) ? this.avatarUrl : avatar((this.name != null) ? this.name : this.username));
		claims.put("profile", "https://huggingface.co/" + this.username);
		if (this.website != null) {
			claims.put("website", this.website);
		}
		claims.put("isPro", this.pro);
		if (this.canPay != null) {
			claims.put("canPay", this.canPay);
		}
		claims.put("orgs", List.copyOf(this.organizations));
		return claims;
	}

	/**
	 * The user with the authorities of a default sign-in.
	 * @return the user
	 */
	public HfOAuth2User build() {
		return build(new HfOAuth2UserConverter());
	}

	/**
	 * The user with the authorities an application's converter gives (its
	 * {@link HfAuthoritiesMapper}, its gate).
	 * @param converter the application's converter
	 * @return the user
	 */
	public HfOAuth2User build(HfOAuth2UserConverter converter) {
		Map<String, Object> userInfo = userInfo();
		Instant now = Instant.now();
		OidcIdToken idToken = OidcIdToken.withTokenValue("test-id-token")
			.claims((claims) -> claims.putAll(userInfo))
			.claims((claims) -> claims.keySet().retainAll(STANDARD_CLAIMS))
			.issuer(this.issuer)
			.audience(List.of("test-client"))
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofHours(1)))
			.build();
		HfOAuth2User user = converter.convert(idToken, new OidcUserInfo(userInfo), this.scopes);
		if (this.authorities.isEmpty()) {
			return user;
		}
		Collection<GrantedAuthority> all = new ArrayList<>(user.getAuthorities());
		this.authorities.forEach((authority) -> all.add(new SimpleGrantedAuthority(authority)));
		return user.withAuthorities(all);
	}

	// The ID token carries the standard claims only; isPro, canPay and orgs are userinfo's.
	private static final Set<String> STANDARD_CLAIMS = Set.of("sub", "name", "preferred_username", "picture",
			"profile", "website", "email", "email_verified");

	// A stable 24-hex id like Hugging Face's, derived from the handle so it survives restarts.
	private static String subOf(String seed) {
		return HexFormat.of().formatHex(DigestUtils.md5Digest(seed.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
	}

	// An inline avatar, so that fixtures and the mock user render offline.
	private static String avatar(String name) {
		String initial = name.isBlank() ? "?" : name.substring(0, 1).toUpperCase();
		String svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'><rect width='64' height='64' rx='32' "
				+ "fill='#ffd21e'/><text x='32' y='42' font-size='30' text-anchor='middle' font-family='sans-serif' "
				+ "fill='#000'>" + initial + "</text></svg>";
		return "data:image/svg+xml," + UriUtils.encode(svg, StandardCharsets.UTF_8);
	}

}
