package io.github.hfoauth.sample.e2e;

import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.sample.reactive.ReactiveSampleApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux twin of {@link BrowserOnCustomDomainTests}: {@link ReactiveSampleApp} in a Space
 * with a custom domain, visited at the top level on that domain, ends signed in there after
 * one trip to Hugging Face.
 */
class BrowserOnCustomDomainOnWebFluxTests {

	@RegisterExtension
	static final SpacePage space = new SpacePage();

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	static ConfigurableApplicationContext app;

	@BeforeAll
	static void startTheAppInTheSpace() {
		app = BrowserInSpaceFrameOnWebFluxTests.startReactiveApp(space.customDomainArguments());
	}

	@AfterAll
	static void stopTheApp() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void aVisitorOnTheCustomDomainEndsSignedInThere() {
		FakeHuggingFace huggingFace = space.huggingFace();
		WebDriver browser = chromium.driver();
		browser.get(space.customDomain("/account"));
		chromium.await(By.xpath("//button[text()='Authorize']")).click();

		chromium.await(By.tagName("h1"), "Your account");
		assertThat(browser.getCurrentUrl()).startsWith(space.customDomain("/account"));
		assertThat(browser.findElement(By.tagName("body")).getText()).contains("Ada Lovelace");
		assertThat(huggingFace.authorizeRequests()).as("one trip to Hugging Face, by Sec-Fetch-Dest")
			.extracting((request) -> request.getHeader("Sec-Fetch-Dest"))
			.containsExactly("document");

		// Nothing stays signed in on the hf.space host: the sign-in moved to the custom domain.
		browser.get(space.app("/account"));
		chromium.await(By.xpath("//button[text()='Authorize']"));
		assertThat(huggingFace.authorizeRequests()).extracting((request) -> request.getHeader("Sec-Fetch-Dest"))
			.containsExactly("document", "document");
	}

}
