package io.github.hfoauth;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A member's role in a Hugging Face organization, as userinfo's {@code roleInOrg} reports
 * it. Ordered from least to most powerful, so that "at least write" is one comparison:
 * {@code role.isAtLeast(HfOrganizationRole.WRITE)}.
 */
public enum HfOrganizationRole {

	/** May read the organization's private repositories. */
	READ,

	/** May open pull requests and discussions on the organization's repositories. */
	CONTRIBUTOR,

	/** May push to the organization's repositories. */
	WRITE,

	/** Manages the organization and its members. */
	ADMIN;

	/**
	 * Whether this role grants at least what {@code other} grants.
	 * @param other the role to compare with
	 * @return {@code true} if this role is {@code other} or above it
	 */
	public boolean isAtLeast(HfOrganizationRole other) {
		return compareTo(other) >= 0;
	}

	/**
	 * The role's name as Hugging Face writes it: {@code admin}, {@code write},
	 * {@code contributor} or {@code read}.
	 * @return the lower-case name
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Reads a role as Hugging Face writes it, ignoring case.
	 * @param value the {@code roleInOrg} value, possibly {@code null}
	 * @return the role, or empty for {@code null} or a role this version does not know
	 */
	public static Optional<HfOrganizationRole> fromValue(@Nullable String value) {
		if (value == null) {
			return Optional.empty();
		}
		for (HfOrganizationRole role : values()) {
			if (role.name().equalsIgnoreCase(value.trim())) {
				return Optional.of(role);
			}
		}
		return Optional.empty();
	}

}
