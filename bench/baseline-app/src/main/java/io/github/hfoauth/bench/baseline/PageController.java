package io.github.hfoauth.bench.baseline;

import io.github.hfoauth.bench.pages.Me;
import io.github.hfoauth.bench.pages.Pages;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The sample app's pages and {@code /api/me}, read from Spring's {@link OidcUser}. */
@Controller
class PageController {

	@GetMapping("/")
	String home(@AuthenticationPrincipal OidcUser user, Model model) {
		Pages.addUser((user != null) ? user.getClaims() : null, model);
		return "index";
	}

	@GetMapping("/account")
	String account(@AuthenticationPrincipal OidcUser user, Model model) {
		Pages.addUser(user.getClaims(), model);
		return "account";
	}

	@GetMapping("/api/me")
	@ResponseBody
	Me me(@AuthenticationPrincipal OidcUser user, Authentication authentication) {
		return Me.of(user.getClaims(), authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
	}

}
