package io.github.hfoauth.autoconfigure;

import java.util.List;
import java.util.regex.Pattern;

import io.github.hfoauth.HfOrganizationGate;
import io.github.hfoauth.HfOrganizationRole;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * Reads and checks the organization properties at startup: the sign-in gate
 * ({@code hf.oauth.allowed-organizations}, {@code hf.oauth.allowed-role}) and the
 * {@code orgIds} to ask for ({@code hf.oauth.org-ids}).
 */
final class HfOrganizationSettings {

	private static final Pattern SUB = Pattern.compile("[0-9a-f]{24}");

	private HfOrganizationSettings() {
	}

	static @Nullable HfOrganizationGate gate(HfOAuthProperties properties) {
		List<String> organizations = properties.getAllowedOrganizations()
			.stream()
			.filter(StringUtils::hasText)
			.map(String::trim)
			.toList();
		String role = properties.getAllowedRole();
		if (organizations.isEmpty()) {
			if (StringUtils.hasText(role)) {
				throw new HfOAuthConfigurationException(
						"hf.oauth.allowed-role is '" + role + "' but hf.oauth.allowed-organizations is empty, so it "
								+ "would limit nothing.",
						"Set hf.oauth.allowed-organizations to the organizations the role applies in, such as "
								+ "hf.oauth.allowed-organizations=acme, or remove hf.oauth.allowed-role.");
			}
			return null;
		}
		HfOrganizationRole leastRole = null;
		if (StringUtils.hasText(role)) {
			leastRole = HfOrganizationRole.fromValue(role)
				.orElseThrow(() -> new HfOAuthConfigurationException(
						"hf.oauth.allowed-role is '" + role + "', which is not a Hugging Face organization role.",
						"Set hf.oauth.allowed-role to admin, write, contributor or read."));
		}
		return new HfOrganizationGate(organizations, leastRole);
	}

	static List<String> orgIds(HfOAuthProperties properties) {
		List<String> orgIds = properties.getOrgIds().stream().filter(StringUtils::hasText).map(String::trim).toList();
		for (String orgId : orgIds) {
			if (!SUB.matcher(orgId).matches()) {
				throw new HfOAuthConfigurationException(
						"hf.oauth.org-ids contains '" + orgId + "', which is not an organization sub "
								+ "(24 lower-case hex characters).",
						"Use the organization's sub, not its handle: it is the \"sub\" of the organization in the "
								+ "\"orgs\" of a member's userinfo (HfOrganization.getSub()).");
			}
		}
		return orgIds;
	}

}
