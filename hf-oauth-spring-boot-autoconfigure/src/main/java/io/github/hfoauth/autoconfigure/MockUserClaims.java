package io.github.hfoauth.autoconfigure;

import java.util.List;
import java.util.Map;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOAuth2UserBuilder;
import io.github.hfoauth.HfOrganizationRole;

import org.springframework.util.StringUtils;

/**
 * The mock user's {@code hf.oauth.mock.*} properties in the shape of Hugging Face's userinfo,
 * so that the mock user goes through the same mapping as a real one.
 */
final class MockUserClaims {

	private MockUserClaims() {
	}

	static Map<String, Object> of(HfOAuthProperties.Mock mock) {
		HfOAuth2UserBuilder user = HfOAuth2User.builder(mock.getUsername())
			.name(mock.getName())
			.email(mock.getEmail())
			.avatarUrl(StringUtils.hasText(mock.getAvatarUrl()) ? mock.getAvatarUrl() : null)
			.pro(mock.isPro());
		List<HfOAuthProperties.Organization> organizations = mock.getOrganizations();
		for (int i = 0; i < organizations.size(); i++) {
			HfOAuthProperties.Organization organization = organizations.get(i);
			if (!StringUtils.hasText(organization.getUsername())) {
				throw new HfOAuthConfigurationException(
						"hf.oauth.mock.organizations[" + i + "] has no username, so nothing could name it.",
						"Set hf.oauth.mock.organizations[" + i + "].username to the organization's handle, such as acme.");
			}
			user.organization(organization.getUsername(),
					StringUtils.hasText(organization.getName()) ? organization.getName() : null,
					role(organization.getRole(), i), organization.getPlan());
		}
		return user.userInfo();
	}

	private static HfOrganizationRole role(String role, int index) {
		return HfOrganizationRole.fromValue(role)
			.orElseThrow(() -> new HfOAuthConfigurationException(
					"hf.oauth.mock.organizations[" + index + "].role is '" + role
							+ "', which is not a Hugging Face organization role.",
					"Set hf.oauth.mock.organizations[" + index + "].role to admin, write, contributor or read."));
	}

}
