package io.github.hfoauth.sample.e2e;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another site opens the app's sign-in pop-up page itself and feeds it a commitment of its
 * own, hoping for a ticket it could redeem with its secret. Here the opener is that site, so
 * only the pop-up's origin check stops it: the pop-up waits out its ten seconds and signs in
 * plainly, the visitor ends on the app's page, signed in, and the other site gets nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class BrowserForeignOpenerTests {

	@RegisterExtension
	static final SpacePage space = new SpacePage();

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	// The SHA-256 of a secret the other site keeps, base64url: a commitment it could redeem with.
	private static final String FOREIGN_COMMITMENT = "Jn6ZrDRMu6fSlxDEBtk1mFO_FZW-7niewgVQv23bkQA";

	private static final String FOREIGN_PAGE = "/evil/opener";

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
		foreignPage(space.app("/hf-oauth/frame-sign-in/pop-up"));
	}

	@Test
	void aPopUpOpenedByAnotherSiteIgnoresItsCommitmentAndSignsInPlainly() {
		this.browser.get(this.huggingFace.baseUrl() + FOREIGN_PAGE);
		String foreignPage = this.browser.getWindowHandle();
		chromium.await(By.id("open")).click();
		chromium.switchToNewWindow(foreignPage);
		awaitPastThePopUpsWait((page) -> page.findElement(By.xpath("//button[text()='Authorize']"))).click();

		assertThat(awaitWhereThePopUpEnds()).as("where the pop-up ends").isEqualTo("the app's page, signed in");
		assertThat(this.browser.getCurrentUrl()).isEqualTo(space.app("/"));
		assertThat(this.browser.findElement(By.cssSelector(".profile-name")).getText()).startsWith("Ada Lovelace");
		assertThat(this.browser.findElements(By.cssSelector("meta[name='hf-oauth-ticket']"))).isEmpty();
		assertThat(this.browser.findElements(By.tagName("h1"))).noneMatch((h1) -> h1.getText().equals("Signed in"));
		assertThat(this.huggingFace.authorizeRequests()).as("one trip to Hugging Face").hasSize(1);

		this.browser.switchTo().window(foreignPage);
		List<?> received = (List<?>) ((ChromeDriver) this.browser).executeScript("return received");
		assertThat(received).as("what the other site heard from the pop-up")
			.allSatisfy((message) -> assertThat((String) message).contains("\"type\":\"hf-oauth-pop-up-ready\"")
				.doesNotContain("ticket"));
	}

	// The other site: opens the pop-up on a click, answers every message with its commitment,
	// and posts it to the pop-up every 200 ms besides, to any origin.
	private void foreignPage(String popUpUrl) {
		this.huggingFace.server().stubFor(get(urlPathEqualTo(FOREIGN_PAGE)).willReturn(okForContentType("text/html", """
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Another site</title></head>
				<body><button id="open">Sign in</button><script>
				var commitment = { type: 'hf-oauth-commitment', commitment: '%s' };
				var received = [];
				window.addEventListener('message', function (event) {
					received.push(JSON.stringify({ origin: event.origin, data: event.data }));
					event.source.postMessage(commitment, '*');
				});
				document.getElementById('open').addEventListener('click', function () {
					var popUp = window.open('%s', 'foreign-pop-up', 'popup,width=520,height=720');
					setInterval(function () { popUp.postMessage(commitment, '*'); }, 200);
				});
				</script></body></html>""".formatted(FOREIGN_COMMITMENT, popUpUrl))));
	}

	// Tells the hand-over page from the app's own page: either may come first, so wait for both.
	private String awaitWhereThePopUpEnds() {
		return awaitPastThePopUpsWait((page) -> {
			if (!page.findElements(By.cssSelector("meta[name='hf-oauth-ticket']")).isEmpty()) {
				return "the hand-over page";
			}
			return page.findElements(By.cssSelector(".profile-name")).isEmpty() ? null : "the app's page, signed in";
		});
	}

	// HeadlessChromium waits ten seconds; the pop-up alone waits that long for a commitment.
	private <T> T awaitPastThePopUpsWait(Function<WebDriver, T> condition) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.until(condition::apply);
	}

}
