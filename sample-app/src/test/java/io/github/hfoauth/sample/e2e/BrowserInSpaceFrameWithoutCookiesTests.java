package io.github.hfoauth.sample.e2e;

import java.time.Duration;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app in a Space, inside the Space page's iframe, in a browser that keeps no cookie for
 * the frame, as browsers do that block third-party cookies without keeping partitioned ones.
 * Here the app does not mark the cookie {@code Partitioned}, so Chromium's third-party cookie
 * blocking drops it in the frame. The sign-in in the pop-up works (a top-level window), the
 * frame cannot take it over: the visitor ends with the app signed in, in the pop-up, and a
 * frame that says so. Never a loop (gradio #8533).
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = "hf.oauth.space.partitioned-cookie=false")
class BrowserInSpaceFrameWithoutCookiesTests {

	@RegisterExtension
	static final SpacePage space = new SpacePage();

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	@DynamicPropertySource
	static void spaceEnvironment(DynamicPropertyRegistry registry) {
		space.environment(registry);
	}

	@Test
	void theFrameSaysToOpenTheAppInItsOwnTabAndThePopUpStaysSignedIn() {
		FakeHuggingFace huggingFace = space.huggingFace();
		WebDriver browser = chromium.driver();
		browser.get(space.url(SpacePage.ACCOUNT));
		String spacePage = browser.getWindowHandle();
		browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.cssSelector("[data-hf-sign-in]")).click();
		chromium.switchToNewWindow(spacePage);
		chromium.await(By.xpath("//button[text()='Authorize']")).click();
		// The pop-up could not hand its sign-in over, so it stays the app's own tab, signed in.
		assertThat(chromium.await(By.cssSelector(".profile-name")).getText()).startsWith("Ada Lovelace");
		assertThat(browser.getCurrentUrl()).isEqualTo(space.app("/"));

		browser.switchTo().window(spacePage);
		browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.tagName("h1"), "Sign-in failed");
		assertThat(browser.findElement(By.tagName("body")).getText())
			.contains("Your browser blocks the cookie this sign-in needs inside the Hugging Face page",
					"You are signed in in the window that opened for the sign-in");
		WebElement ownTab = browser.findElement(By.linkText("Open the app in its own tab"));
		assertThat(ownTab.getDomAttribute("href")).isEqualTo("https://" + SpacePage.SPACE_HOST + "/");
		assertThat(ownTab.getDomAttribute("target")).isEqualTo("_blank");
		browser.switchTo().defaultContent();
		chromium.screenshot("08-space-frame-cookie-blocked");

		// And there it stays: nothing sends anyone back to Hugging Face on its own.
		new Actions(browser).pause(Duration.ofSeconds(1)).perform();
		assertThat(huggingFace.authorizeRequests()).as("visits to Hugging Face's authorize page").hasSize(1);
		assertThat(huggingFace.tokenRequests()).as("one code, redeemed by the pop-up").hasSize(1);
	}

}
