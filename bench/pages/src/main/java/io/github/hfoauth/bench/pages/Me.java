package io.github.hfoauth.bench.pages;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/me} of the benchmark apps: the same keys as the sample app's, read from
 * Hugging Face's userinfo claims the way a hand-written app would read them.
 *
 * @param sub the user's stable id
 * @param username the handle
 * @param name the display name
 * @param email the email, with scope {@code email}
 * @param emailVerified whether Hugging Face verified the email
 * @param picture the avatar URL
 * @param profile the profile URL
 * @param website the user's website
 * @param pro whether the user is Pro
 * @param canPay whether the user can pay, with scope {@code read-billing}
 * @param organizations the user's organizations
 * @param authorities the authorities Spring Security sees
 */
public record Me(Object sub, Object username, Object name, Object email, Object emailVerified, Object picture,
		Object profile, Object website, boolean pro, Object canPay, List<Organization> organizations,
		Collection<String> authorities) {

	/**
	 * Reads a user from userinfo claims.
	 * @param claims the claims, {@code orgs} included
	 * @param authorities the user's authorities
	 * @return the JSON body
	 */
	public static Me of(Map<String, Object> claims, Collection<String> authorities) {
		return new Me(claims.get("sub"), claims.get("preferred_username"), claims.get("name"), claims.get("email"),
				claims.get("email_verified"), claims.get("picture"), claims.get("profile"), claims.get("website"),
				Boolean.TRUE.equals(claims.get("isPro")), claims.get("canPay"),
				organizations(claims).stream().map(Organization::of).toList(), authorities);
	}

	/**
	 * The {@code orgs} claim as a list of maps, empty when absent or of another type.
	 * @param claims the userinfo claims
	 * @return the organizations
	 */
	@SuppressWarnings("unchecked")
	public static List<Map<String, Object>> organizations(Map<String, Object> claims) {
		return (claims.get("orgs") instanceof List<?> orgs) ? (List<Map<String, Object>>) orgs : List.of();
	}

	/**
	 * One organization of {@link Me}.
	 *
	 * @param sub the organization's id
	 * @param username its handle
	 * @param name its display name
	 * @param picture its avatar URL
	 * @param plan its plan
	 * @param canPay whether it can pay
	 * @param roleInOrg the user's role in it
	 * @param securityRestrictions what it restricts
	 */
	public record Organization(Object sub, Object username, Object name, Object picture, Object plan, Object canPay,
			Object roleInOrg, Object securityRestrictions) {

		static Organization of(Map<String, Object> org) {
			return new Organization(org.get("sub"), org.get("preferred_username"), org.get("name"), org.get("picture"),
					org.get("plan"), org.get("canPay"), org.get("roleInOrg"),
					org.getOrDefault("securityRestrictions", List.of()));
		}

	}

}
