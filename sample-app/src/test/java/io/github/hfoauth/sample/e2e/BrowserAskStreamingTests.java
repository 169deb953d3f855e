package io.github.hfoauth.sample.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.hfoauth.fake.StreamingRouter;
import io.github.hfoauth.fake.StreamingRouter.Script;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Ask a model" in the Space frame, in Chromium: the answer appears on the page piece by piece
 * as the router streams it, not at the end. The page's script measures when the first piece
 * and the whole answer arrived; the test reports both.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class BrowserAskStreamingTests {

	@RegisterExtension
	static final SpacePage space = new SpacePage();

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	static final StreamingRouter router = StreamingRouter.start();

	static final Duration GAP = Duration.ofMillis(400);

	@DynamicPropertySource
	static void spaceEnvironment(DynamicPropertyRegistry registry) {
		space.environment(registry);
		registry.add("hf.api.inference-url", router::baseUrl);
	}

	@AfterAll
	static void stopRouter() {
		router.close();
	}

	@Test
	void theAnswerAppearsAsItIsGeneratedInsideTheSpaceFrame() {
		router.answer(Script.answer(StreamingRouter.PIECES, GAP)).holdingTheLastPiece();
		WebDriver browser = chromium.driver();
		browser.get(space.url(SpacePage.ASK));
		signInThroughThePopUp(browser);
		browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.tagName("h1"), "Ask a model");

		browser.findElement(By.id("prompt")).sendKeys("What is the capital of France?");
		browser.findElement(By.cssSelector("form.ask button[type=submit]")).click();
		List<String> seen = new ArrayList<>();
		WebElement answer = browser.findElement(By.cssSelector(".live-answer"));
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!"complete".equals(answer.getDomAttribute("data-state")) && System.nanoTime() < deadline) {
			String text = browser.findElement(By.cssSelector(".live-text")).getText();
			if (!text.isEmpty() && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(text))) {
				seen.add(text);
				router.releaseTheLastPiece();
			}
		}
		assertThat(answer.getDomAttribute("data-state")).isEqualTo("complete");
		assertThat(browser.findElement(By.cssSelector(".live-text")).getText()).isEqualTo("The capital of France is Paris.");
		// The last piece and the end arrive together; the pieces before it showed one by one.
		assertThat(seen).as("what the page showed while the answer was generated").startsWith("The ",
				"The capital ", "The capital of France ", "The capital of France is ");
		long first = Long.parseLong(answer.getDomAttribute("data-first-chunk-ms"));
		long total = Long.parseLong(answer.getDomAttribute("data-total-ms"));
		System.out.printf("Ask a model in Chromium, in the Space frame: first piece after %d ms, complete after %d ms%n",
				first, total);
		assertThat(router.lastPieceWaitedForTheClient()).as("the page showed words before the last piece was sent")
			.isTrue();
		assertThat(browser.findElement(By.cssSelector(".answer-timing")).getText()).startsWith("First words after");
		browser.switchTo().defaultContent();
		chromium.screenshot("08-space-ask-a-model-streamed");
	}

	@Test
	void anEndedSessionSaysToSignInAgain() {
		WebDriver browser = chromium.driver();
		browser.get(space.url(SpacePage.ASK));
		signInThroughThePopUp(browser);
		browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.tagName("h1"), "Ask a model");
		// The session ends while the page is open (expired, or the app restarted): the POST
		// comes without it and is refused, or sent to sign in on Hugging Face.
		((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", Map.of());

		browser.findElement(By.id("prompt")).sendKeys("What is the capital of France?");
		browser.findElement(By.cssSelector("form.ask button[type=submit]")).click();
		assertThat(chromium.await(By.cssSelector(".live-problem")).getText())
			.startsWith("Your session ended: sign in again.");
		assertThat(browser.findElement(By.linkText("Sign in again")).isDisplayed()).isTrue();
	}

	// As the frame's sign-in goes: its button opens a pop-up, which hands the sign-in to the
	// frame and closes itself.
	private static void signInThroughThePopUp(WebDriver browser) {
		String spacePage = browser.getWindowHandle();
		browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.cssSelector("[data-hf-sign-in]")).click();
		chromium.switchToNewWindow(spacePage);
		chromium.await(By.xpath("//button[text()='Authorize']")).click();
		browser.switchTo().window(spacePage);
		chromium.await((page) -> page.getWindowHandles().size() == 1);
	}

}
