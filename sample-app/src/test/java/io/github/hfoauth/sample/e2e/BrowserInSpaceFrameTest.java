package io.github.hfoauth.sample.e2e;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
class BrowserInSpaceFrameTest {

	private static final FakeHuggingFace huggingFace = BrowserHuggingFace.start(SpacePage.SCOPES);

	private static final int PORT = FakeHuggingFace.freePort();

	private static HeadlessChromium chromium;

	private WebDriver browser;

	@DynamicPropertySource
	static void space(DynamicPropertyRegistry registry) {
		SpacePage.environment(registry, huggingFace, PORT);
	}

	@BeforeAll
	static void startChromium() {
		SpacePage.serve(huggingFace, PORT);
		chromium = HeadlessChromium.start();
	}

	@AfterAll
	static void stop() {
		chromium.close();
		huggingFace.close();
	}

	@BeforeEach
	void newVisitor() {
		chromium.reset();
		this.browser = chromium.driver();
		huggingFace.resetRequests();
	}

	@Test
	void theSignInButtonOpensTheAppInItsOwnTabAndSignsInThere() {
		this.browser.get(SpacePage.url(huggingFace, SpacePage.HOME));
		String spacePage = this.browser.getWindowHandle();
		this.browser.switchTo().frame(SpacePage.FRAME);
		WebElement signIn = chromium.await(By.cssSelector("a.hf-signin"));
		assertThat(signIn.getDomAttribute("target")).isEqualTo("_blank");
		signIn.click();

		chromium.switchToNewWindow(spacePage);
		chromium.await(By.xpath("//button[text()='Authorize']")).click();
		chromium.await(By.cssSelector("img.avatar"));
		assertThat(this.browser.getCurrentUrl()).isEqualTo(SpacePage.app(PORT, "/"));
		assertThat(this.browser.findElement(By.cssSelector(".profile-name")).getText()).startsWith("Ada Lovelace");
		assertThat(huggingFace.authorizeRequests()).hasSize(1);
		chromium.screenshot("06-space-signed-in-in-own-tab");

		// The tab's session is not the frame's: the browser keeps a partitioned cookie per
		// top-level site. Back on the Space page the frame is still signed out (README says so).
		this.browser.close();
		this.browser.switchTo().window(spacePage);
		this.browser.navigate().refresh();
		this.browser.switchTo().frame(SpacePage.FRAME);
		assertThat(chromium.await(By.cssSelector("a.hf-signin")).isDisplayed()).isTrue();
		assertThat(huggingFace.authorizeRequests()).hasSize(1);
	}

	@Test
	void aPageThatNeedsSignInSignsInInsideTheFrame() {
		this.browser.get(SpacePage.url(huggingFace, SpacePage.ACCOUNT));
		this.browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.xpath("//button[text()='Authorize']")).click();

		WebElement heading = chromium.await(By.tagName("h1"));
		assertThat(heading.getText()).isEqualTo("Your account");
		assertThat(chromium.frameUrl()).startsWith(SpacePage.app(PORT, "/account"));
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("Ada Lovelace", "ada@example.com");
		assertThat(huggingFace.authorizeRequests()).hasSize(1);
		this.browser.switchTo().defaultContent();
		chromium.screenshot("07-space-signed-in-in-frame");
	}

}
