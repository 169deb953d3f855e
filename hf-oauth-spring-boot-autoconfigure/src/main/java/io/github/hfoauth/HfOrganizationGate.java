package io.github.hfoauth;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Lets only members of some organizations sign in ({@code hf.oauth.allowed-organizations}),
 * optionally with a least role ({@code hf.oauth.allowed-role}). Checked when the principal is
 * built, for a real sign-in and the mock one alike, so that a refused user gets no session.
 */
public final class HfOrganizationGate {

	private final List<String> organizations;

	private final @Nullable HfOrganizationRole leastRole;

	/**
	 * Creates a gate.
	 * @param organizations organization handles (any case) or subs, one of which the user must
	 * belong to
	 * @param leastRole the least role the user must hold there, or {@code null} for any
	 * membership
	 */
	public HfOrganizationGate(List<String> organizations, @Nullable HfOrganizationRole leastRole) {
		Assert.notEmpty(organizations, "organizations must not be empty");
		this.organizations = List.copyOf(organizations);
		this.leastRole = leastRole;
	}

	/**
	 * Whether a user may sign in.
	 * @param user the user
	 * @return {@code true} if the user belongs to one of the organizations, with the role
	 */
	public boolean admits(HfOAuth2User user) {
		for (String organization : this.organizations) {
			boolean admitted = (this.leastRole != null) ? user.hasRoleIn(organization, this.leastRole)
					: user.isMemberOf(organization);
			if (admitted) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Refuses a user the gate does not admit.
	 * @param user the user
	 * @throws HfSignInException with {@link HfOAuth2ErrorCodes#ORGANIZATION_REQUIRED}
	 * and a description the sign-in failure page shows
	 */
	public void check(HfOAuth2User user) {
		if (!admits(user)) {
			throw new HfSignInException(HfOAuth2ErrorCodes.ORGANIZATION_REQUIRED, describe());
		}
	}

	/**
	 * Says who may sign in, in the words the refused user reads.
	 * @return e.g. "This app is limited to members of acme."
	 */
	public String describe() {
		String organizations = this.organizations.stream().collect(Collectors.joining(" or "));
		String role = (this.leastRole != null) ? " with the " + this.leastRole.value() + " role or above" : "";
		return "This app is limited to members of " + organizations + role + ".";
	}

	@Override
	public String toString() {
		return "HfOrganizationGate[" + describe() + "]";
	}

}
