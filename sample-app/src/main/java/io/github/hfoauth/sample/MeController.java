package io.github.hfoauth.sample;

import java.util.List;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOrganization;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: the signed-in user as JSON. The records below fix the keys, so that
 * absent values are {@code null} rather than missing and the shape never depends on what
 * Hugging Face happened to send.
 */
@RestController
class MeController {

	@GetMapping("/api/me")
	Me me(@AuthenticationPrincipal HfOAuth2User user, Authentication authentication) {
		return Me.of(user, authentication);
	}

	record Me(String sub, @Nullable String username, @Nullable String name, @Nullable String email,
			@Nullable Boolean emailVerified, @Nullable String picture, @Nullable String profile,
			@Nullable String website, boolean pro, @Nullable Boolean canPay, List<Organization> organizations,
			List<String> authorities) {

		// The authentication's authorities rather than the principal's: they are what
		// Spring Security's access checks see.
		static Me of(HfOAuth2User user, Authentication authentication) {
			return new Me(user.getSubject(), user.getUsername(), user.getDisplayName(), user.getEmail(),
					user.getEmailVerified(), user.getAvatarUrl(), user.getProfile(), user.getWebsite(), user.isPro(),
					user.getCanPay(), user.getOrganizations().stream().map(Organization::of).toList(),
					authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
		}

	}

	record Organization(@Nullable String sub, @Nullable String username, @Nullable String name,
			@Nullable String picture, @Nullable String plan, @Nullable Boolean canPay, @Nullable String roleInOrg,
			List<String> securityRestrictions) {

		static Organization of(HfOrganization organization) {
			return new Organization(organization.getSub(), organization.getUsername(), organization.getName(),
					organization.getAvatarUrl(), organization.getPlan(), organization.getCanPay(),
					organization.getRoleInOrg(), organization.getSecurityRestrictions());
		}

	}

}
