package io.github.hfoauth.sample.e2e;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
 * The app in a Space, inside the Space page's iframe, in a browser that drops the frame's
 * session cookie, as browsers do that block third-party cookies without keeping partitioned
 * ones. Here the app does not mark the cookie {@code Partitioned}, so Chromium's third-party
 * cookie blocking drops it: every return from Hugging Face finds a session that knows nothing
 * of the sign-in. The user must end on a way out, never in a loop (gradio #8533).
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
	void signingInInsideTheFrameIsRetriedOnceThenOffersTheAppInItsOwnTab() {
		FakeHuggingFace huggingFace = space.huggingFace();
		WebDriver browser = chromium.driver();
		browser.get(space.url(SpacePage.ACCOUNT));
		browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.xpath("//button[text()='Authorize']")).click();
		// The first return found no sign-in in the session: the app tried once more.
		chromium.await((page) -> attempt(chromium.frameUrl()).equals("2"));
		chromium.await(By.xpath("//button[text()='Authorize']")).click();

		chromium.await(By.tagName("h1"), "Sign-in failed");
		assertThat(browser.findElement(By.tagName("body")).getText())
			.contains("Your browser blocks the cookie this sign-in needs inside the Hugging Face page");
		WebElement ownTab = browser.findElement(By.linkText("Open the app in its own tab"));
		assertThat(ownTab.getDomAttribute("href")).isEqualTo("https://" + SpacePage.SPACE_HOST + "/");
		assertThat(ownTab.getDomAttribute("target")).isEqualTo("_blank");
		browser.switchTo().defaultContent();
		chromium.screenshot("08-space-frame-cookie-blocked");

		// And there it stays: nothing sends the frame back to Hugging Face on its own.
		new Actions(browser).pause(Duration.ofSeconds(1)).perform();
		List<LoggedRequest> authorize = huggingFace.authorizeRequests();
		assertThat(authorize).as("visits to Hugging Face's authorize page").hasSize(2);
		assertThat(authorize).extracting((request) -> attempt(request.getUrl())).containsExactly("1", "2");
		assertThat(huggingFace.tokenRequests()).as("no code was ever redeemed").isEmpty();
	}

	// The attempt number the app put at the end of the authorize request's state.
	private static String attempt(String authorizeUrl) {
		String state = FakeHuggingFace.queryParams(authorizeUrl).getOrDefault("state", "");
		return state.substring(state.lastIndexOf('.') + 1);
	}

}
