package io.github.hfoauth.bench.floor;

import java.util.List;
import java.util.Map;

import io.github.hfoauth.bench.pages.Me;
import io.github.hfoauth.bench.pages.Pages;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The benchmark's floor: the same pages and {@code /api/me} with no security at all, always
 * showing one fixed user (the fake Hugging Face's). What any sign-in costs is measured above it.
 */
@SpringBootApplication
@Controller
public class FloorApplication {

	// The fake Hugging Face's default user, with the authorities the sample app gives it.
	private static final String USERINFO = """
			{"sub":"62f264b9f3c90f4b6514a269","name":"Ada Lovelace","preferred_username":"ada",\
			"email":"ada@example.com","email_verified":true,"picture":"https://cdn.example/avatars/ada.png",\
			"profile":"https://hf.example/ada","website":"https://ada.example","isPro":true,"canPay":false,\
			"orgs":[{"sub":"5e67bd5b1009063689407478","name":"Acme Corp","preferred_username":"acme",\
			"picture":"https://cdn.example/avatars/acme.png","plan":"team","canPay":true,"roleInOrg":"admin",\
			"securityRestrictions":["mfa","sso"]},{"sub":"6a1b2c3d4e5f60718293a4b5","name":"Open Science",\
			"preferred_username":"open-science","picture":"https://cdn.example/avatars/os.png",\
			"plan":"enterprise","canPay":false,"roleInOrg":"read"}]}""";

	private static final List<String> AUTHORITIES = List.of("OIDC_USER", "SCOPE_openid", "SCOPE_profile",
			"HF_ORG_acme", "HF_ORG_acme:ADMIN", "HF_ORG_open-science", "HF_ORG_open-science:READ", "HF_PRO");

	private final Map<String, Object> user;

	FloorApplication(JsonMapper json) {
		this.user = json.readValue(USERINFO, new TypeReference<Map<String, Object>>() {
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
