package io.github.hfoauth;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An organization the signed-in user belongs to, from the {@code orgs} array of Hugging
 * Face's userinfo. Hugging Face lists organizations only when the app's scopes include
 * {@code read-memberships} (older apps: the organization was granted at consent), and
 * {@linkplain #getRoleInOrg() the role} only for organizations the user granted.
 * <p>
 * Every field may be absent: getters return {@code null} (or an empty list) rather than
 * failing.
 */
public final class HfOrganization implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	private static final Pattern SUB = Pattern.compile("[0-9a-f]{24}");

	private final @Nullable String sub;

	private final @Nullable String username;

	private final @Nullable String name;

	private final @Nullable String avatarUrl;

	private final @Nullable String plan;

	private final @Nullable Boolean canPay;

	private final @Nullable String roleInOrg;

	private final List<String> securityRestrictions;

	private HfOrganization(Map<String, ?> claims) {
		this.sub = HfClaims.text(claims, "sub");
		this.username = HfClaims.text(claims, "preferred_username");
		this.name = HfClaims.text(claims, "name");
		this.avatarUrl = HfClaims.text(claims, "picture");
		this.plan = planOf(claims);
		this.canPay = HfClaims.flag(claims, "canPay");
		this.roleInOrg = HfClaims.text(claims, "roleInOrg");
		this.securityRestrictions = securityRestrictionsOf(claims);
	}

	/**
	 * Reads one entry of userinfo's {@code orgs} array.
	 * @param claims the entry
	 * @return the organization, or {@code null} when the entry names neither a sub nor a
	 * handle (nothing could ever match it)
	 */
	static @Nullable HfOrganization from(Map<String, ?> claims) {
		HfOrganization organization = new HfOrganization(claims);
		return (organization.sub == null && organization.username == null) ? null : organization;
	}

	// Hugging Face replaced isEnterprise with plan in early 2026; older answers still carry it.
	private static @Nullable String planOf(Map<String, ?> claims) {
		String plan = HfClaims.text(claims, "plan");
		if (plan == null && Boolean.TRUE.equals(HfClaims.flag(claims, "isEnterprise"))) {
			return "enterprise";
		}
		return plan;
	}

	// pendingSSO and missingMFA are the deprecated spellings of securityRestrictions.
	private static List<String> securityRestrictionsOf(Map<String, ?> claims) {
		if (claims.get("securityRestrictions") instanceof List<?>) {
			return HfClaims.texts(claims, "securityRestrictions");
		}
		List<String> restrictions = new ArrayList<>(2);
		if (Boolean.TRUE.equals(HfClaims.flag(claims, "missingMFA"))) {
			restrictions.add("mfa");
		}
		if (Boolean.TRUE.equals(HfClaims.flag(claims, "pendingSSO"))) {
			restrictions.add("sso");
		}
		return List.copyOf(restrictions);
	}

	/**
	 * The organization's stable id (24 hex characters); unchanged when it is renamed.
	 * @return the id, or {@code null} if Hugging Face did not send it
	 */
	public @Nullable String getSub() {
		return this.sub;
	}

	/**
	 * The organization's handle, as in {@code huggingface.co/acme}.
	 * @return the handle, or {@code null} if Hugging Face did not send it
	 */
	public @Nullable String getUsername() {
		return this.username;
	}

	/**
	 * The organization's display name, such as {@code Acme Corp}.
	 * @return the display name, or {@code null}
	 */
	public @Nullable String getName() {
		return this.name;
	}

	/**
	 * The organization's avatar.
	 * @return the avatar URL, or {@code null}
	 */
	public @Nullable String getAvatarUrl() {
		return this.avatarUrl;
	}

	/**
	 * The organization's plan, such as {@code team} or {@code enterprise}.
	 * @return the plan, or {@code null}
	 */
	public @Nullable String getPlan() {
		return this.plan;
	}

	/**
	 * Whether the organization has a payment method (scope {@code read-billing}).
	 * @return the flag, or {@code null} without that scope
	 */
	public @Nullable Boolean getCanPay() {
		return this.canPay;
	}

	/**
	 * The member's role exactly as Hugging Face sent it ({@code admin}, {@code write},
	 * {@code contributor}, {@code read}).
	 * @return the raw role, or {@code null} when the organization was not granted to the app
	 * @see #getRole()
	 */
	public @Nullable String getRoleInOrg() {
		return this.roleInOrg;
	}

	/**
	 * The member's role, typed.
	 * @return the role, or empty when absent or unknown to this version
	 */
	public Optional<HfOrganizationRole> getRole() {
		return HfOrganizationRole.fromValue(this.roleInOrg);
	}

	/**
	 * What the organization requires of its members before they can use its resources:
	 * {@code mfa}, {@code sso}, {@code ip}, {@code token-policy}.
	 * @return the restrictions, never {@code null}
	 */
	public List<String> getSecurityRestrictions() {
		return this.securityRestrictions;
	}

	/**
	 * Whether this organization is the one named: a sub (24 lower-case hex characters) is
	 * compared with the sub only, anything else with the handle only, ignoring case. Never
	 * both: anyone can create an organization whose handle is another organization's sub.
	 * @param handleOrSub an organization handle such as {@code acme}, or its sub
	 * @return {@code true} if it names this organization
	 */
	public boolean matches(@Nullable String handleOrSub) {
		if (handleOrSub == null) {
			return false;
		}
		return SUB.matcher(handleOrSub).matches() ? handleOrSub.equals(this.sub)
				: handleOrSub.equalsIgnoreCase(this.username);
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof HfOrganization that)) {
			return false;
		}
		return (this.sub != null) ? this.sub.equals(that.sub)
				: that.sub == null && Objects.equals(this.username, that.username);
	}

	@Override
	public int hashCode() {
		return Objects.hash((this.sub != null) ? this.sub : this.username);
	}

	@Override
	public String toString() {
		return "HfOrganization[" + this.username + ((this.roleInOrg != null) ? ", " + this.roleInOrg : "") + "]";
	}

}
