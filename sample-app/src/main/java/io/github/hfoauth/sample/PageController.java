package io.github.hfoauth.sample;

import java.net.URI;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfSpace;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The app's pages: the home page, public, which shows the sign-in button or the signed-in
 * user, and the account page, which only signed-in users reach.
 */
@Controller
class PageController {

	private final boolean inSpace;

	private final String organization;

	PageController(ObjectProvider<HfSpace> space, SampleProperties sample) {
		this.inSpace = space.getIfAvailable() != null;
		this.organization = sample.organization();
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal @Nullable HfOAuth2User user, Model model) {
		addUser(user, model);
		return "index";
	}

	@GetMapping("/account")
	String account(@AuthenticationPrincipal HfOAuth2User user, Model model) {
		addUser(user, model);
		model.addAttribute("profileLink", webLink(user.getProfile()));
		model.addAttribute("websiteLink", webLink(user.getWebsite()));
		return "account";
	}

	// Where the access-denied handler forwards, with the reason in the "message" attribute.
	@RequestMapping("/forbidden")
	String forbidden(@AuthenticationPrincipal @Nullable HfOAuth2User user, Model model) {
		addUser(user, model);
		return "forbidden";
	}

	private void addUser(@Nullable HfOAuth2User user, Model model) {
		model.addAttribute("loginUrl", HfOAuth2Registration.LOGIN_URL);
		// In the Space page's iframe the starter's script (data-hf-sign-in) signs in through a
		// pop-up; should the browser refuse the pop-up, the link opens the app in a tab of its own.
		model.addAttribute("loginTarget", this.inSpace ? "_blank" : null);
		model.addAttribute("user", user);
		// Said on the page, so that nobody mistakes the local mock user for a real sign-in.
		model.addAttribute("mockUser", user != null && user.isMock());
		model.addAttribute("organization", this.organization);
	}

	// Users type their website into their profile: link it only when it is plainly http(s),
	// never a javascript: or data: URL.
	private static @Nullable String webLink(@Nullable String url) {
		if (url == null) {
			return null;
		}
		try {
			String scheme = URI.create(url).getScheme();
			return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) ? url : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
