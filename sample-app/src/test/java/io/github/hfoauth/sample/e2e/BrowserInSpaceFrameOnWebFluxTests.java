package io.github.hfoauth.sample.e2e;

import java.util.ArrayList;
import java.util.List;

import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.sample.reactive.ReactiveSampleApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux twin of {@link BrowserInSpaceFrameTests}: {@link ReactiveSampleApp} in a Space,
 * seen through the Space page, which frames it from another site. A page that needs sign-in
 * answers, in the frame, the starter's page whose button signs in through a pop-up; the frame
 * then shows that page, signed in, after one trip to Hugging Face.
 */
class BrowserInSpaceFrameOnWebFluxTests {

	@RegisterExtension
	static final SpacePage space = new SpacePage();

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	static ConfigurableApplicationContext app;

	private final FakeHuggingFace huggingFace = space.huggingFace();

	private WebDriver browser;

	@BeforeAll
	static void startTheAppInTheSpace() {
		app = startReactiveApp(space.arguments());
	}

	/**
	 * Starts {@link ReactiveSampleApp} with a Space's environment, on the Space page's own port
	 * (the page frames that port, and the redirect URI names it), its sessions in memory.
	 */
	static ConfigurableApplicationContext startReactiveApp(List<String> spaceEnvironment) {
		List<String> arguments = new ArrayList<>(spaceEnvironment);
		arguments.add(ReactiveSampleApp.SESSIONS_IN_MEMORY);
		return ReactiveSampleApp.start(arguments.toArray(String[]::new));
	}

	@AfterAll
	static void stopTheApp() {
		if (app != null) {
			app.close();
		}
	}

	@BeforeEach
	void newVisitor() {
		this.browser = chromium.driver();
		this.huggingFace.resetRequests();
	}

	@Test
	void withPartitionedCookiesAPageThatNeedsSignInOffersThePopUpAndThenShowsThatPage() {
		signInFromTheSpacePageOfTheAccount();
	}

	@Test
	void withThirdPartyCookiesAllowedAPageThatNeedsSignInOffersThePopUpAndThenShowsThatPage() {
		chromium.thirdPartyCookies(true);
		signInFromTheSpacePageOfTheAccount();
	}

	// The visitor sees the starter's sign-in page in the frame, signs in through the pop-up, and
	// the frame shows the account page it asked for.
	private void signInFromTheSpacePageOfTheAccount() {
		this.browser.get(space.url(SpacePage.ACCOUNT));
		this.browser.switchTo().frame(SpacePage.FRAME);
		assertThat(chromium.await(By.tagName("h1")).getText()).isEqualTo("Sign in with Hugging Face");
		assertThat(this.huggingFace.authorizeRequests()).as("Hugging Face refuses frames: not asked yet").isEmpty();
		this.browser.switchTo().defaultContent();
		SpaceFramePopUp.signIn(chromium);

		this.browser.switchTo().frame(SpacePage.FRAME);
		chromium.await(By.tagName("h1"), "Your account");
		assertThat(chromium.frameUrl()).startsWith(space.app("/account"));
		assertThat(this.browser.findElement(By.tagName("body")).getText()).contains("Ada Lovelace");
		// Counted by what fetched Hugging Face's page: only the pop-up itself should.
		assertThat(this.huggingFace.authorizeRequests()).as("one trip to Hugging Face, by Sec-Fetch-Dest")
			.extracting((request) -> request.getHeader("Sec-Fetch-Dest"))
			.containsExactly("document");
	}

}
