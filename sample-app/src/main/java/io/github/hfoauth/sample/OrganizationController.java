package io.github.hfoauth.sample;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOrganizationRole;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organization page: members only (see {@link SecurityConfiguration}), and an action only
 * its admins may take, posting an announcement.
 */
@Controller
class OrganizationController {

	private static final int KEPT_ANNOUNCEMENTS = 10;

	private static final int MAX_ANNOUNCEMENT_LENGTH = 500;

	private final String organization;

	// A demo: the last few announcements, in memory.
	private final Deque<String> announcements = new ArrayDeque<>();

	OrganizationController(SampleProperties properties) {
		this.organization = properties.organization();
	}

	@GetMapping("/org")
	String page(@AuthenticationPrincipal HfOAuth2User user, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("organization", user.getOrganization(this.organization).orElseThrow());
		model.addAttribute("admin", user.hasRoleIn(this.organization, HfOrganizationRole.ADMIN));
		model.addAttribute("role", user.roleIn(this.organization).map(HfOrganizationRole::value).orElse("none granted"));
		model.addAttribute("announcements", announcements());
		return "org";
	}

	@PostMapping("/org/announcements")
	String announce(@RequestParam String text) {
		String announcement = text.strip();
		if (StringUtils.hasText(announcement)) {
			synchronized (this.announcements) {
				this.announcements.addFirst(announcement.substring(0, Math.min(announcement.length(),
						MAX_ANNOUNCEMENT_LENGTH)));
				while (this.announcements.size() > KEPT_ANNOUNCEMENTS) {
					this.announcements.removeLast();
				}
			}
		}
		return "redirect:/org";
	}

	private List<String> announcements() {
		synchronized (this.announcements) {
			return List.copyOf(this.announcements);
		}
	}

}
