package io.github.hfoauth.sample;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOrganizationRole;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.test.WithMockHfUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.hfoauth.test.HfLoginRequestPostProcessor.hfLogin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample's pages tested the way an app built on the starter tests its own: as "alice,
 * admin of acme" without any provider, with {@code @WithMockHfUser} and {@code hfLogin()}, and
 * its calls to the Hub with the token the mock user holds; and proof that such a user is the
 * one a real sign-in through Hugging Face gives.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.organization=acme")
class TestSupportTests {

	static final FakeHuggingFace huggingFace = FakeHuggingFace.start();

	static final String MODELS = """
			[{"_id":"6650","id":"alice/tiny-llama","likes":3,"downloads":120,"private":false}]""";

	@LocalServerPort
	int port;

	@Autowired
	WebApplicationContext context;

	MockMvc mockMvc;

	@DynamicPropertySource
	static void space(DynamicPropertyRegistry registry) {
		SpaceSignIn.environment(registry, huggingFace, FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		registry.add("hf.api.hub-url", huggingFace::baseUrl);
	}

	@AfterAll
	static void stopHuggingFace() {
		huggingFace.close();
	}

	@BeforeEach
	void mockMvc() {
		this.mockMvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
	}

	@Test
	@WithMockHfUser(username = "alice", name = "Alice", email = "alice@example.com", pro = true,
			organizations = @WithMockHfUser.Organization(name = "acme", role = HfOrganizationRole.ADMIN, plan = "team"))
	void meShowsTheAnnotatedUser() throws Exception {
		this.mockMvc.perform(get("/api/me").accept("application/json"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("alice"))
			.andExpect(jsonPath("$.name").value("Alice"))
			.andExpect(jsonPath("$.email").value("alice@example.com"))
			.andExpect(jsonPath("$.pro").value(true))
			.andExpect(jsonPath("$.organizations[0].username").value("acme"))
			.andExpect(jsonPath("$.organizations[0].roleInOrg").value("admin"))
			.andExpect(jsonPath("$.authorities").value(org.hamcrest.Matchers.hasItems("HF_PRO", "HF_ORG_acme:ADMIN",
					"HF_ORG_acme:READ", "SCOPE_openid")));
	}

	@Test
	@WithMockHfUser(username = "alice", organizations = @WithMockHfUser.Organization(name = "acme",
			role = HfOrganizationRole.ADMIN))
	void anAdminOfAcmeSeesTheOrganizationPageAndMayPost() throws Exception {
		this.mockMvc.perform(get("/org"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("action=\"/org/announcements\"")));
		this.mockMvc.perform(post("/org/announcements").param("text", "Hello").with(csrf()))
			.andExpect(status().is3xxRedirection());
	}

	@Test
	void hfLoginSignsInRequestByRequest() throws Exception {
		this.mockMvc.perform(get("/org").with(hfLogin("bob").organization("acme", HfOrganizationRole.WRITE)))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers
				.containsString("Only admins of acme can post announcements. Your role: write.")));
		// MockMvc does not follow the forward to the page that renders the reason.
		this.mockMvc.perform(get("/org").with(hfLogin("eve").name("Eve")))
			.andExpect(status().isForbidden())
			.andExpect(forwardedUrl("/forbidden"))
			.andExpect(request().attribute("message",
					"This page is for members of acme. You are signed in as @eve, who is not a member."));
		this.mockMvc.perform(get("/").with(hfLogin("carol").name("Carol Example").pro(true)))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Carol Example")));
	}

	// The pattern of the testing guide: the app's own code calls a stub Hub with the mock user's token.
	@Test
	@WithMockHfUser(username = "alice", token = "hf_test")
	void myModelsAreAskedWithTheTokenTheMockUserHolds() throws Exception {
		huggingFace.server()
			.stubFor(WireMock.get(urlPathEqualTo("/api/models")).willReturn(okJson(MODELS)));
		this.mockMvc.perform(get("/api/my-models"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].id").value("alice/tiny-llama"))
			.andExpect(jsonPath("$[0].likes").value(3));
		LoggedRequest asked = lastModelsRequest();
		assertThat(asked.getHeader("Authorization")).isEqualTo("Bearer hf_test");
		assertThat(asked.getUrl()).isEqualTo("/api/models?author=alice&limit=20");
	}

	@Test
	void myModelsAreAskedWithTheTokenOfARealSignIn() {
		huggingFace.server()
			.stubFor(WireMock.get(urlPathEqualTo("/api/models")).willReturn(okJson(MODELS)));
		Browser browser = new Browser(this.port);
		SpaceSignIn.signIn(browser);
		HttpResponse<String> models = browser.getJson("/api/my-models");
		assertThat(models.statusCode()).isEqualTo(200);
		assertThat(Json.asList(Json.parse("{\"models\":" + models.body() + "}").get("models"))).hasSize(1);
		assertThat(lastModelsRequest().getHeader("Authorization")).startsWith("Bearer hf_oauth_fake_");
		huggingFace.breakEndpoint("/api/models", aResponse().withStatus(429).withHeader("Retry-After", "30"));
		try {
			HttpResponse<String> limited = browser.getJson("/api/my-models");
			assertThat(limited.statusCode()).isEqualTo(429);
			assertThat(Json.parse(limited.body())).containsEntry("error", "RATE_LIMITED");
		}
		finally {
			huggingFace.repair();
		}
	}

	private static LoggedRequest lastModelsRequest() {
		List<LoggedRequest> requests = huggingFace.server().findAll(getRequestedFor(urlPathEqualTo("/api/models")));
		assertThat(requests).isNotEmpty();
		return requests.get(requests.size() - 1);
	}

	@Test
	void withoutAUserTheApiSaysSignInFirst() throws Exception {
		this.mockMvc.perform(get("/api/me").accept("application/json"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("unauthorized"));
	}

	// The fake's default user: Ada, Pro, admin of acme (team), reader of open-science (enterprise).
	@Test
	@WithMockHfUser(sub = FakeHuggingFace.DEFAULT_SUB, username = "ada", name = "Ada Lovelace", email = "ada@example.com",
			pro = true, scopes = { "openid", "profile", "email" },
			organizations = { @WithMockHfUser.Organization(name = "acme", role = HfOrganizationRole.ADMIN, plan = "team"),
					@WithMockHfUser.Organization(name = "open-science", role = HfOrganizationRole.READ,
							plan = "enterprise") })
	void theAnnotatedUserEqualsTheOneARealSignInGives() {
		HfOAuth2User annotated = (HfOAuth2User) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
		huggingFace.scopes("openid profile email");
		Browser browser = new Browser(this.port);
		SpaceSignIn.signIn(browser);
		Map<String, Object> real = Json.parse(browser.getJson("/api/me").body());
		assertThat(real).containsEntry("sub", annotated.getSubject())
			.containsEntry("username", annotated.getUsername())
			.containsEntry("name", annotated.getDisplayName())
			.containsEntry("pro", annotated.isPro());
		List<String> annotatedAuthorities = annotated.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
		assertThat(Json.asList(real.get("authorities"))).as("the same authorities")
			.containsExactlyInAnyOrderElementsOf(annotatedAuthorities);
		List<Object> organizations = Json.asList(real.get("organizations"));
		assertThat(organizations).extracting((organization) -> Json.asObject(organization).get("username"))
			.containsExactly("acme", "open-science");
		assertThat(annotated.getOrganizations()).extracting(io.github.hfoauth.HfOrganization::getUsername)
			.containsExactly("acme", "open-science");
		assertThat(annotated.roleIn("acme")).contains(HfOrganizationRole.ADMIN);
	}

}
