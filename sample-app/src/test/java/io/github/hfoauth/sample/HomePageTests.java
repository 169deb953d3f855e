package io.github.hfoauth.sample;

import java.net.http.HttpResponse;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page as a visitor sees it, before and after signing in: what it says, what it
 * links to, and that text from Hugging Face is shown as text, never run as markup (the
 * account page it links to included).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HomePageTests {

	private static final FakeHuggingFace huggingFace = FakeHuggingFace.start();

	@LocalServerPort
	private int port;

	private Browser browser;

	@DynamicPropertySource
	static void ownOAuthApp(DynamicPropertyRegistry registry) {
		registry.add("hf.oauth.client-id", () -> FakeHuggingFace.DEFAULT_CLIENT_ID);
		registry.add("hf.oauth.client-secret", () -> FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		registry.add("hf.oauth.provider-url", huggingFace::baseUrl);
	}

	@AfterAll
	static void stopHuggingFace() {
		huggingFace.close();
	}

	@BeforeEach
	void openBrowser() {
		this.browser = new Browser(this.port);
	}

	@AfterEach
	void restoreDefaultUser() {
		huggingFace.userInfo(FakeHuggingFace.DEFAULT_USERINFO);
	}

	@Test
	void anonymousVisitorSeesOnlyTheSignInButton() {
		Document page = Browser.page(this.browser.get("/"));

		Element signIn = page.selectFirst("a.hf-signin");
		assertThat(signIn).isNotNull();
		assertThat(signIn.attr("href")).isEqualTo(HfOAuth2Registration.LOGIN_URL);
		assertThat(signIn.text()).isEqualTo("Sign in with Hugging Face");
		assertThat(signIn.hasAttr("target")).as("outside a Space the sign-in stays in this tab").isFalse();
		assertThat(page.body().text()).doesNotContain("Sign out", "Organizations");
		assertThat(page.select("form[action=/logout]")).isEmpty();
	}

	@Test
	void pageNeedsNothingFromOtherSites() {
		Document page = Browser.page(this.browser.get("/"));

		for (Element resource : page.select("[src], link[href]")) {
			String url = resource.hasAttr("src") ? resource.attr("src") : resource.attr("href");
			assertThat(url).as(resource.outerHtml()).startsWith("/").doesNotStartWith("//");
		}
		HttpResponse<String> css = this.browser.get(page.selectFirst("link[rel=stylesheet]").attr("href"));
		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.body()).doesNotContain("@import", "url(");
	}

	@Test
	void signedInVisitorSeesTheirProfileAndOrganizations() {
		Document page = signInAndOpenHome();

		String text = page.body().text();
		assertThat(text).contains("Ada Lovelace", "@ada", "PRO", "Organizations", "Sign out")
			.doesNotContain("Sign in with Hugging Face");
		assertThat(page.selectFirst("img.avatar").attr("src")).isEqualTo("https://cdn.example/avatars/ada.png");

		assertThat(page.select(".org")).hasSize(2);
		Element acme = page.select(".org").get(0);
		assertThat(acme.text()).contains("Acme Corp", "@acme", "admin");
		assertThat(acme.selectFirst("img").attr("src")).isEqualTo("https://cdn.example/avatars/acme.png");
		Element openScience = page.select(".org").get(1);
		assertThat(openScience.text()).contains("Open Science", "@open-science", "read");

		Element signOut = page.selectFirst("form[action=/logout]");
		assertThat(signOut).isNotNull();
		assertThat(signOut.attr("method")).isEqualToIgnoringCase("post");
		assertThat(Browser.csrfToken(page)).isNotBlank();
	}

	@Test
	void userWithoutProOrOrganizationsSeesNeither() {
		huggingFace.userInfo("{\"sub\":\"" + FakeHuggingFace.DEFAULT_SUB + "\",\"preferred_username\":\"grace\"}");

		Document page = signInAndOpenHome();

		String text = page.body().text();
		assertThat(text).contains("grace", "@grace", "Hugging Face shared no organizations").doesNotContain("PRO");
		assertThat(page.select(".badge-pro, .org")).isEmpty();
	}

	@Test
	void textFromHuggingFaceIsEscaped() {
		String name = "<script>alert('name')</script> & Co";
		String orgName = "<img src=x onerror=alert('org')>";
		huggingFace.userInfo("{\"sub\":\"" + FakeHuggingFace.DEFAULT_SUB + "\",\"name\":\"" + name
				+ "\",\"preferred_username\":\"ada\",\"orgs\":[{\"preferred_username\":\"acme\",\"name\":\"" + orgName
				+ "\",\"roleInOrg\":\"admin\"}]}");

		HttpResponse<String> home = this.browser.followRedirects(this.browser.get(HfOAuth2Registration.LOGIN_URL));

		assertThat(home.body()).doesNotContain("<script>alert", "<img src=x")
			.contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &amp; Co");
		Document page = Browser.page(home);
		assertThat(page.body().text()).contains(name, orgName);
		assertThat(page.select("script").not("[src=/hf-oauth/sign-in.js]")).as("no script but the starter's").isEmpty();
		assertThat(page.select("img[onerror]")).isEmpty();
	}

	@Test
	void accountPageLinksTheWebsiteOnlyWhenItIsAWebAddress() {
		huggingFace.userInfo("{\"sub\":\"" + FakeHuggingFace.DEFAULT_SUB + "\",\"preferred_username\":\"ada\","
				+ "\"website\":\"javascript:alert(1)\",\"profile\":\"https://hf.example/ada\"}");
		signInAndOpenHome();

		Document account = Browser.page(this.browser.get("/account"));

		assertThat(account.select("a[href^=javascript]")).isEmpty();
		assertThat(account.body().text()).contains("javascript:alert(1)");
		assertThat(account.select("a[href=https://hf.example/ada]")).hasSize(1);
	}

	private Document signInAndOpenHome() {
		HttpResponse<String> home = this.browser.followRedirects(this.browser.get(HfOAuth2Registration.LOGIN_URL));
		assertThat(home.uri()).isEqualTo(this.browser.url("/"));
		assertThat(home.statusCode()).isEqualTo(200);
		return Browser.page(home);
	}

}
