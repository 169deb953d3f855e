package io.github.hfoauth.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.DigestUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriUtils;

/**
 * The mock user's {@code hf.oauth.mock.*} properties in the shape of Hugging Face's userinfo,
 * so that the mock user goes through the same mapping as a real one.
 */
final class MockUserClaims {

	private MockUserClaims() {
	}

	static Map<String, Object> of(HfOAuthProperties.Mock mock) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", subOf("user:" + mock.getUsername()));
		claims.put("name", mock.getName());
		claims.put("preferred_username", mock.getUsername());
		claims.put("email", mock.getEmail());
		claims.put("email_verified", true);
		claims.put("picture", StringUtils.hasText(mock.getAvatarUrl()) ? mock.getAvatarUrl() : avatar(mock.getName()));
		claims.put("profile", "https://huggingface.co/" + mock.getUsername());
		claims.put("isPro", mock.isPro());
		List<Map<String, Object>> organizations = new ArrayList<>();
		for (HfOAuthProperties.Organization organization : mock.getOrganizations()) {
			organizations.add(organization(organization));
		}
		claims.put("orgs", organizations);
		return claims;
	}

	private static Map<String, Object> organization(HfOAuthProperties.Organization organization) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", subOf("org:" + organization.getUsername()));
		claims.put("name", StringUtils.hasText(organization.getName()) ? organization.getName()
				: organization.getUsername());
		claims.put("preferred_username", organization.getUsername());
		claims.put("picture", avatar(organization.getUsername()));
		if (StringUtils.hasText(organization.getPlan())) {
			claims.put("plan", organization.getPlan());
		}
		claims.put("roleInOrg", organization.getRole());
		return claims;
	}

	// A stable 24-hex id like Hugging Face's, derived from the handle so it survives restarts.
	private static String subOf(String seed) {
		return HexFormat.of().formatHex(DigestUtils.md5Digest(seed.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
	}

	// An inline avatar, so the mock user renders offline.
	private static String avatar(String name) {
		String initial = name.isBlank() ? "?" : name.substring(0, 1).toUpperCase();
		String svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'><rect width='64' height='64' rx='32' "
				+ "fill='#ffd21e'/><text x='32' y='42' font-size='30' text-anchor='middle' font-family='sans-serif' "
				+ "fill='#000'>" + initial + "</text></svg>";
		return "data:image/svg+xml," + UriUtils.encode(svg, StandardCharsets.UTF_8);
	}

}
