package io.github.hfoauth.sample.e2e;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app in a Space, seen through the Space page on huggingface.co, which shows it in an
 * iframe from another site. Chromium blocks third-party cookies, but keeps the session cookie,
 * which the starter marks {@code Partitioned} in a Space, inside the frame.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class BrowserInSpaceFrameTests {

	@RegisterExtension
	static final SpacePage space = new SpacePage();

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	private final FakeHuggingFace huggingFace = space.huggingFace();

	private WebDriver browser;

	@DynamicPropertySource
	static void spaceEnvironment(DynamicPropertyRegistry registry) {
		space.environment(registry);
	}

	@BeforeEach
	void newVisitor() {
		this.browser = chromium.driver();
		this.huggingFace.resetRequests();
	}

	@Test
	void theSignInButtonOpensTheAppInItsOwnTabAndSignsInThere() {
		this.browser.get(space.url(SpacePage.HOME));
		String spacePage = this.browser.getWindowHandle();
		this.browser.switchTo().frame(SpacePage.FRAME);
		WebElement signIn = chromium.await(By.cssSelector("a.hf-signin"));
		assertThat(signIn.getDomAttribute("target")).isEqualTo("_blank");
		signIn.click();

		chromium.switchToNewWindow(spacePage);
		chromium.await(By.xpath("//button[text()='Authorize']")).click();
		chromium.await(By.cssSelector("img.avatar"));
		assertThat(this.browser.getCurrentUrl()).isEqualTo(space.app("/"));
		assertThat(this.browser.findElement(By.cssSelector(".profile-name")).getText()).startsWith("Ada Lovelace");
		assertThat(this.huggingFace.authorizeRequests()).hasSize(1);
		chromium.screenshot("06-space-signed-in-in-own-tab");

		// The tab's session is not the frame's: the browser keeps a partitioned cookie per
		// top-level site. Back on the Space page the frame is still signed out (README says so).
		this.browser.close();
		this.browser.switchTo().window(spacePage);
		this.browser.navigate().refresh();
		this.browser.switchTo().frame(SpacePage.FRAME);
		assertThat(chromium.await(By.cssSelector("a.hf-signin")).isDisplayed()).isTrue();
		assertThat(this.huggingFace.authorizeRequests()).hasSize(1);
	}

	@Test
	void aPageThatNeedsSignInSignsInInsideTheFrame() {
		this.browser.get(space.url(SpacePage.ACCOUNT));
		this.browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.xpath("//button[text()='Authorize']")).click();

		chromium.await(By.tagName("h1"), "Your account");
		assertThat(chromium.frameUrl()).startsWith(space.app("/account"));
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("Ada Lovelace", "ada@example.com");
		assertThat(this.huggingFace.authorizeRequests()).hasSize(1);
		this.browser.switchTo().defaultContent();
		chromium.screenshot("07-space-signed-in-in-frame");
	}

}
