package io.github.hfoauth.fake;

import java.util.StringJoiner;

/**
 * The userinfo of Ada in as many organizations as asked, each the way Hugging Face describes
 * one: {@code org-0001} to {@code org-NNNN}, with roles admin, write, contributor and read in
 * turn. A thousand make a userinfo of about 370 KB, over Spring's default codec limit (256 KB).
 */
public final class ManyOrganizations {

	private static final String[] ROLES = { "admin", "write", "contributor", "read" };

	private ManyOrganizations() {
	}

	/**
	 * The userinfo body.
	 * @param count how many organizations
	 * @return the JSON, with Ada's {@code sub} so that it fits the fake's ID token
	 */
	public static String userInfo(int count) {
		StringJoiner organizations = new StringJoiner(",", "[", "]");
		for (int i = 1; i <= count; i++) {
			organizations.add(organization(i));
		}
		return "{\"sub\":\"" + FakeHuggingFace.DEFAULT_SUB + "\",\"name\":\"Ada Lovelace\",\"preferred_username\":\"ada\","
				+ "\"picture\":\"https://cdn.example/avatars/ada.png\",\"profile\":\"https://hf.example/ada\","
				+ "\"isPro\":true,\"canPay\":false,\"orgs\":" + organizations + "}";
	}

	/**
	 * The handle of the organization with this number.
	 * @param number from 1
	 * @return e.g. {@code org-0042}
	 */
	public static String handle(int number) {
		return String.format("org-%04d", number);
	}

	/**
	 * The role the user has in the organization with this number.
	 * @param number from 1
	 * @return admin, write, contributor or read
	 */
	public static String role(int number) {
		return ROLES[(number - 1) % ROLES.length];
	}

	private static String organization(int number) {
		String handle = handle(number);
		return "{\"sub\":\"" + String.format("%024x", 0x5e67bd5b1009L * 1000 + number) + "\",\"name\":\"Organization "
				+ number + " of the Open Research Collective\",\"preferred_username\":\"" + handle
				+ "\",\"picture\":\"https://cdn-avatars.example/production/uploads/" + handle + "/avatar.png\","
				+ "\"plan\":\"team\",\"canPay\":" + (number % 2 == 0) + ",\"roleInOrg\":\"" + role(number)
				+ "\",\"securityRestrictions\":[\"mfa\",\"sso\"],\"resourceGroups\":[{\"sub\":\""
				+ String.format("%024x", 0x6a1b2c3dL * 1000 + number) + "\",\"name\":\"default\",\"role\":\""
				+ role(number) + "\"}]}";
	}

}
