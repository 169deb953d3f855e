package io.github.hfoauth.sample.e2e;

import java.time.Duration;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app in a Space, seen through the Space page on huggingface.co, which shows it in an
 * iframe from another site. Hugging Face's pages refuse to be framed (the fake's do), so the
 * sign-in runs in a pop-up, and the frame, whose session cookie is partitioned by the Space
 * page's site, signs in from the ticket the pop-up hands it. Chromium here blocks third-party
 * cookies and keeps partitioned ones (CHIPS); one test allows third-party cookies, as Chrome
 * does by default.
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
	void withPartitionedCookiesTheFrameSignsInThroughAPopUp() {
		this.browser.get(space.url(SpacePage.HOME));
		SpaceFramePopUp.signIn(chromium);

		this.browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.cssSelector("img.avatar"));
		assertThat(chromium.frameUrl()).isEqualTo(space.app("/"));
		assertThat(this.browser.findElement(By.cssSelector(".profile-name")).getText()).startsWith("Ada Lovelace");
		assertThat(this.huggingFace.authorizeRequests()).as("one trip to Hugging Face").hasSize(1);
		this.browser.switchTo().defaultContent();
		chromium.screenshot("07-space-signed-in-in-frame");

		// Signed in for good: the Space page shown again keeps the frame signed in.
		this.browser.navigate().refresh();
		this.browser.switchTo().frame(SpacePage.FRAME);
		assertThat(chromium.await(By.cssSelector("img.avatar")).isDisplayed()).isTrue();
		assertThat(this.huggingFace.authorizeRequests()).hasSize(1);

		// The sign-in moved: the pop-up signed itself out, so the app's own tab is signed out.
		this.browser.switchTo().defaultContent();
		this.browser.get(space.app("/account"));
		chromium.await(By.xpath("//button[text()='Authorize']"));
	}

	@Test
	void withThirdPartyCookiesAllowedTheFrameSignsInThroughAPopUpIgnoringForgedTickets() {
		chromium.thirdPartyCookies(true);
		this.browser.get(space.url(SpacePage.HOME));
		String spacePage = this.browser.getWindowHandle();
		this.browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.cssSelector("[data-hf-sign-in]")).click();
		// Another window (the Space page, another origin) sends the waiting frame a ticket: the
		// frame takes tickets only from its own pop-up, on its own origin.
		this.browser.switchTo().window(spacePage);
		((ChromeDriver) this.browser).executeScript(
				"frames['space-app'].postMessage({type: 'hf-oauth-ticket', ticket: 'forged'}, '*')");
		chromium.switchToNewWindow(spacePage);
		SpaceFramePopUp.consentAndAwaitClose(chromium, spacePage);

		assertTheFrameShowsAdaSignedIn();
		assertThat(this.huggingFace.authorizeRequests()).as("one trip to Hugging Face").hasSize(1);
	}

	@Test
	void aPageThatNeedsSignInOffersThePopUpAndThenShowsThatPage() {
		this.browser.get(space.url(SpacePage.ACCOUNT));
		this.browser.switchTo().frame(SpacePage.FRAME);
		assertThat(chromium.await(By.tagName("h1")).getText()).isEqualTo("Sign in with Hugging Face");
		this.browser.switchTo().defaultContent();
		SpaceFramePopUp.signIn(chromium);

		this.browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.tagName("h1"), "Your account");
		assertThat(chromium.frameUrl()).startsWith(space.app("/account"));
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("Ada Lovelace", "ada@example.com");
		assertThat(this.huggingFace.authorizeRequests()).hasSize(1);
	}

	@Test
	void aSecondClickWhileThePopUpIsOpenKeepsOneSignInGoing() {
		this.browser.get(space.url(SpacePage.HOME));
		String spacePage = this.browser.getWindowHandle();
		this.browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.cssSelector("[data-hf-sign-in]")).click();
		chromium.switchToNewWindow(spacePage);
		chromium.await(By.xpath("//button[text()='Authorize']"));
		// Impatient, the visitor clicks the frame's button again while Hugging Face asks.
		this.browser.switchTo().window(spacePage);
		this.browser.switchTo().frame(SpacePage.FRAME);
		this.browser.findElement(By.cssSelector("[data-hf-sign-in]")).click();
		new Actions(this.browser).pause(Duration.ofMillis(500)).perform();
		chromium.switchToNewWindow(spacePage);
		SpaceFramePopUp.consentAndAwaitClose(chromium, spacePage);

		assertTheFrameShowsAdaSignedIn();
		assertThat(this.huggingFace.authorizeRequests()).as("one trip to Hugging Face").hasSize(1);
	}

	@Test
	void aRefusedTicketSaysTryAgainAndTheNextClickSignsIn() {
		this.browser.get(space.url(SpacePage.HOME));
		String spacePage = this.browser.getWindowHandle();
		this.browser.switchTo().frame(SpacePage.FRAME);
		// The ticket reaches the server spent, as one that waited past its minute does: the
		// server refuses it (403 invalid_ticket) although the frame keeps its cookie.
		((ChromeDriver) this.browser).executeScript("var real = window.fetch;"
				+ "window.fetch = function (url, init) {"
				+ "  if (init && init.method === 'POST') { init.body.set('ticket', 'spent'); window.fetch = real; }"
				+ "  return real(url, init); };");
		chromium.await(By.cssSelector("[data-hf-sign-in]")).click();
		chromium.switchToNewWindow(spacePage);
		chromium.await(By.xpath("//button[text()='Authorize']")).click();
		this.browser.switchTo().window(spacePage);
		this.browser.switchTo().frame(SpacePage.FRAME);
		assertThat(chromium.await(By.cssSelector("[data-hf-sign-in-problem]")).getText())
			.isEqualTo("The sign-in expired or was interrupted: try again.");
		assertThat(chromium.frameUrl()).as("not the blocked-cookie page").isEqualTo(space.app("/"));

		chromium.await(By.cssSelector("[data-hf-sign-in]")).click();
		chromium.switchToNewWindow(spacePage);
		SpaceFramePopUp.consentAndAwaitClose(chromium, spacePage);
		assertTheFrameShowsAdaSignedIn();
		assertThat(this.huggingFace.authorizeRequests()).as("two trips to Hugging Face, one a try").hasSize(2);
	}

	@Test
	void whenHuggingFaceSeversThePopUpsOpenerTheFrameStillSignsIn() {
		// Cross-Origin-Opener-Policy on Hugging Face's page cuts the pop-up off from the frame:
		// no postMessage either way.
		this.huggingFace.openerPolicy("same-origin");
		try {
			this.browser.get(space.url(SpacePage.HOME));
			String spacePage = this.browser.getWindowHandle();
			this.browser.switchTo().frame(SpacePage.FRAME);
			chromium.await(By.cssSelector("[data-hf-sign-in]")).click();
			chromium.switchToNewWindow(spacePage);
			chromium.await(By.xpath("//button[text()='Authorize']")).click();
			assertThat(chromium.await(By.cssSelector("[data-hf-no-opener]")).getText())
				.startsWith("You can close this window: the app on the Space page signs in by itself.");

			this.browser.switchTo().window(spacePage);
			this.browser.switchTo().frame(SpacePage.FRAME);
			assertThat(chromium.await(By.cssSelector(".profile-name")).getText()).startsWith("Ada Lovelace");
			assertThat(this.huggingFace.authorizeRequests()).as("one trip to Hugging Face").hasSize(1);
		}
		finally {
			this.huggingFace.openerPolicy(null);
		}
	}

	// The frame and a tab of the app are two cookie jars of one visitor: signing out in the frame
	// says the tab is still signed in; once the tab has signed out too, nothing is left to tell.
	@Test
	void signingOutInTheFrameSaysWhetherATabOfTheAppIsStillSignedIn() {
		// One user of its own throughout: no other test's session of that user counts.
		this.huggingFace.asOneNewUser(() -> {
			this.browser.get(space.url(SpacePage.HOME));
			SpaceFramePopUp.signIn(chromium);
			this.browser.switchTo().frame(SpacePage.FRAME);
			chromium.await(By.cssSelector("img.avatar"));
			this.browser.switchTo().defaultContent();
			this.browser.get(space.app("/account"));
			chromium.await(By.xpath("//button[text()='Authorize']")).click();
			chromium.await(By.tagName("h1"), "Your account");

			this.browser.get(space.url(SpacePage.HOME));
			this.browser.switchTo().frame(SpacePage.FRAME);
			chromium.await(By.cssSelector("form.signout button")).click();
			assertThat(chromium.await(By.cssSelector(".signed-in-elsewhere")).getText())
				.contains("Another tab of this app (or the Space page) is still signed in");
			assertThat(this.browser.findElement(By.cssSelector("[data-hf-sign-in]")).isDisplayed()).as("signed out").isTrue();
			this.browser.switchTo().defaultContent();
			chromium.screenshot("09-space-signed-out-in-frame-tab-still-signed-in");

			this.browser.get(space.app("/"));
			chromium.await(By.cssSelector("form.signout button")).click();
			chromium.await(By.cssSelector("[data-hf-sign-in]"));

			// Alone: the tab signed out, nobody else is this user.
			this.browser.get(space.url(SpacePage.HOME));
			SpaceFramePopUp.signIn(chromium);
			this.browser.switchTo().frame(SpacePage.FRAME);
			chromium.await(By.cssSelector("form.signout button")).click();
			chromium.await(By.cssSelector("[data-hf-sign-in]"));
			assertThat(this.browser.findElements(By.cssSelector(".signed-in-elsewhere"))).as("nobody else signed in").isEmpty();
		});
	}

	private void assertTheFrameShowsAdaSignedIn() {
		this.browser.switchTo().frame(SpacePage.FRAME);
		assertThat(chromium.await(By.cssSelector(".profile-name")).getText()).startsWith("Ada Lovelace");
	}

}
