package io.github.hfoauth.bench.pages;

import java.util.Map;

import org.springframework.ui.Model;

/** What the shared templates {@code index} and {@code account} read from the model. */
public final class Pages {

	private Pages() {
	}

	/**
	 * Puts the signed-in user, or none, into the model.
	 * @param claims the user's userinfo claims, {@code null} when signed out
	 * @param model the page's model
	 */
	public static void addUser(Map<String, Object> claims, Model model) {
		model.addAttribute("user", claims);
		model.addAttribute("organizations", (claims != null) ? Me.organizations(claims) : null);
	}

}
