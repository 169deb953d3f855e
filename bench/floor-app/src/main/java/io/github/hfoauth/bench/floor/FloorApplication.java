package io.github.hfoauth.bench.floor;

import java.util.List;
import java.util.Map;

import io.github.hfoauth.bench.pages.Me;
import io.github.hfoauth.bench.pages.Pages;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The benchmark's floor: the same pages and {@code /api/me} with no security at all, always
 * showing one fixed user (the fake Hugging Face's, from {@code bench.floor.userinfo}). What any sign-in costs is measured above it.
 */
@SpringBootApplication
@Controller
public class FloorApplication {

	// The authorities the sample app gives that user.
	private static final List<String> AUTHORITIES = List.of("OIDC_USER", "SCOPE_openid", "SCOPE_profile",
			"HF_ORG_acme", "HF_ORG_acme:ADMIN", "HF_ORG_open-science", "HF_ORG_open-science:READ", "HF_PRO");

	private final Map<String, Object> user;

	// The fake Hugging Face's user, as its userinfo JSON: bench/run passes it in.
	FloorApplication(JsonMapper json, @Value("${bench.floor.userinfo}") String userinfo) {
		this.user = json.readValue(userinfo, new TypeReference<Map<String, Object>>() {
		});
	}

	public static void main(String[] args) {
		SpringApplication.run(FloorApplication.class, args);
	}

	@GetMapping("/")
	String home(Model model) {
		Pages.addUser(this.user, model);
		return "index";
	}

	@GetMapping("/account")
	String account(Model model) {
		Pages.addUser(this.user, model);
		return "account";
	}

	@GetMapping("/api/me")
	@ResponseBody
	Me me() {
		return Me.of(this.user, AUTHORITIES);
	}

}
