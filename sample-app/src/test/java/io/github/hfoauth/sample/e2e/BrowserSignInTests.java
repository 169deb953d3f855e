package io.github.hfoauth.sample.e2e;

import java.util.List;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person signing in to the sample app with a real browser: headless Chromium, the app with
 * its own OAuth app configured, and the fake Hugging Face showing its consent page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.organization=acme")
class BrowserSignInTests {

	private static final FakeHuggingFace huggingFace = BrowserHuggingFace
		.start("openid profile email read-memberships");

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	@LocalServerPort
	private int port;

	private WebDriver browser;

	@DynamicPropertySource
	static void ownOAuthApp(DynamicPropertyRegistry registry) {
		huggingFace.configureClient(registry);
		registry.add("hf.oauth.scopes", () -> "openid,profile,email,read-memberships");
	}

	@AfterAll
	static void stopHuggingFace() {
		huggingFace.close();
	}

	@BeforeEach
	void newVisitor() {
		this.browser = chromium.driver();
		huggingFace.resetRequests();
	}

	@Test
	void anonymousVisitorSeesTheSignInButton() {
		this.browser.get(app("/"));

		WebElement signIn = chromium.await(By.cssSelector("a.hf-signin"));
		assertThat(signIn.getText()).isEqualTo("Sign in with Hugging Face");
		assertThat(signIn.getDomAttribute("target")).as("outside a Space the sign-in stays in this tab").isNull();
		assertThat(this.browser.findElements(By.cssSelector("form.signout"))).isEmpty();
		chromium.screenshot("01-signed-out");
	}

	@Test
	void signInAuthorizeAndSeeYourselfYourOrganizationsAndTheirPageThenSignOut() {
		this.browser.get(app("/"));
		chromium.await(By.cssSelector("a.hf-signin")).click();

		WebElement authorize = chromium.await(By.xpath("//button[text()='Authorize']"));
		assertThat(this.browser.getCurrentUrl()).startsWith(huggingFace.baseUrl() + "/oauth/authorize?");
		assertThat(this.browser.findElement(By.id("scopes")).getText()).contains("read-memberships");
		chromium.screenshot("02-consent");
		authorize.click();

		WebElement avatar = chromium.await(By.cssSelector("img.avatar"));
		assertThat(this.browser.getCurrentUrl()).isEqualTo(app("/"));
		assertThat(chromium.isLoaded(avatar)).as("the avatar is shown").isTrue();
		assertThat(this.browser.findElement(By.cssSelector(".profile-name")).getText()).startsWith("Ada Lovelace")
			.endsWith("PRO");
		assertThat(this.browser.findElement(By.cssSelector(".handle")).getText()).isEqualTo("@ada");
		assertThat(texts(By.cssSelector(".org-name"))).containsExactly("Acme Corp", "Open Science");
		assertThat(texts(By.cssSelector(".orgs .role"))).containsExactly("admin", "read");
		assertThat(this.browser.findElements(By.cssSelector("img.org-avatar"))).hasSize(2)
			.allSatisfy((image) -> assertThat(chromium.isLoaded(image)).isTrue());
		assertThat(huggingFace.authorizeRequests()).hasSize(1);
		assertThat(huggingFace.tokenRequests()).hasSize(1);
		chromium.screenshot("03-signed-in");

		this.browser.findElement(By.cssSelector("a.org-link")).click();
		chromium.await(By.cssSelector("h1 .org-name"));
		assertThat(this.browser.getCurrentUrl()).isEqualTo(app("/org"));
		assertThat(this.browser.findElement(By.cssSelector("h1 .org-name")).getText()).isEqualTo("Acme Corp");
		assertThat(this.browser.findElement(By.cssSelector(".org-role")).getText()).isEqualTo("admin");
		assertThat(this.browser.findElements(By.cssSelector("form.ask input[name=text]"))).hasSize(1);
		chromium.screenshot("04-organization-page");

		this.browser.findElement(By.cssSelector("form.signout button")).click();
		chromium.await(By.cssSelector("a.hf-signin"));
		assertThat(this.browser.getCurrentUrl()).isEqualTo(app("/"));
		this.browser.get(app("/org"));
		assertThat(chromium.await(By.xpath("//button[text()='Authorize']")))
			.as("after sign-out the members' page asks to sign in again").isNotNull();
	}

	@Test
	void cancelOnTheConsentPageEndsOnAFriendlyPageThatOffersToTryAgain() {
		this.browser.get(app("/"));
		chromium.await(By.cssSelector("a.hf-signin")).click();
		chromium.await(By.xpath("//button[text()='Cancel']")).click();

		chromium.await(By.tagName("h1"), "Sign-in failed");
		assertThat(this.browser.findElement(By.tagName("body")).getText())
			.contains("You cancelled the sign-in on Hugging Face.")
			.doesNotContain("Exception", "access_denied", "Whitelabel");
		assertThat(this.browser.findElement(By.linkText("Try again")).getDomAttribute("href"))
			.isEqualTo("/oauth2/authorization/huggingface");
		assertThat(huggingFace.tokenRequests()).isEmpty();
		chromium.screenshot("05-cancelled");

		this.browser.findElement(By.linkText("Home")).click();
		assertThat(chromium.await(By.cssSelector("a.hf-signin")).isDisplayed()).as("still signed out").isTrue();
	}

	private List<String> texts(By locator) {
		return this.browser.findElements(locator).stream().map(WebElement::getText).toList();
	}

	private String app(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
