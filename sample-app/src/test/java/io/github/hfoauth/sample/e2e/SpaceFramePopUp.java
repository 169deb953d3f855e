package io.github.hfoauth.sample.e2e;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * What a visitor on the Space page does to sign the frame in, whichever stack the app runs on:
 * click the frame's sign-in button, consent on Hugging Face's page in the pop-up, and see the
 * pop-up close itself.
 */
final class SpaceFramePopUp {

	private SpaceFramePopUp() {
	}

	/**
	 * Clicks the frame's sign-in button, consents in the pop-up, and waits for the pop-up to
	 * close itself: it handed the sign-in to the frame and signed itself out. Starts and ends on
	 * the Space page, outside the frame.
	 */
	static void signIn(HeadlessChromium chromium) {
		WebDriver browser = chromium.driver();
		String spacePage = browser.getWindowHandle();
		browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.cssSelector("[data-hf-sign-in]")).click();
		chromium.switchToNewWindow(spacePage);
		consentAndAwaitClose(chromium, spacePage);
		new Actions(browser).pause(Duration.ofMillis(200)).perform();
	}

	/** Consents on Hugging Face's page in the pop-up, then waits on the Space page for the pop-up to close itself. */
	static void consentAndAwaitClose(HeadlessChromium chromium, String spacePage) {
		chromium.await(By.xpath("//button[text()='Authorize']")).click();
		chromium.driver().switchTo().window(spacePage);
		chromium.await((page) -> page.getWindowHandles().size() == 1);
	}

}
