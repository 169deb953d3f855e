package io.github.hfoauth.sample.e2e;

import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Space with a custom domain, visited at the top level on that domain. Hugging Face sends the
 * sign-in back to the {@code hf.space} host (here {@code 127.0.0.1}), whose cookies are not the
 * custom domain's ({@code localhost}); the starter posts the sign-in back, and the visitor ends
 * signed in where they started, after one trip to Hugging Face.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
class BrowserOnCustomDomainTests {

	@RegisterExtension
	static final SpacePage space = new SpacePage();

	@RegisterExtension
	static final HeadlessChromium chromium = new HeadlessChromium();

	@DynamicPropertySource
	static void spaceEnvironment(DynamicPropertyRegistry registry) {
		space.customDomainEnvironment(registry);
	}

	@Test
	void aVisitorOnTheCustomDomainEndsSignedInThere() {
		FakeHuggingFace huggingFace = space.huggingFace();
		WebDriver browser = chromium.driver();
		browser.get(space.customDomain("/account"));
		chromium.await(By.xpath("//button[text()='Authorize']")).click();

		chromium.await(By.tagName("h1"), "Your account");
		assertThat(browser.getCurrentUrl()).startsWith(space.customDomain("/account"));
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Ada Lovelace");
		assertThat(huggingFace.authorizeRequests()).as("one trip to Hugging Face").hasSize(1);

		// Nothing stays signed in on the hf.space host: the sign-in moved to the custom domain.
		browser.get(space.app("/account"));
		chromium.await(By.xpath("//button[text()='Authorize']"));
		assertThat(huggingFace.authorizeRequests()).hasSize(2);
	}

}
