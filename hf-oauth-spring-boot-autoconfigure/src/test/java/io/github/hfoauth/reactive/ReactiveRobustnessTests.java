package io.github.hfoauth.reactive;

import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.fake.FakeHuggingFace.IdTokenSigning;
import io.github.hfoauth.fake.ManyOrganizations;
import io.github.hfoauth.servlet.TestBrowser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux app (on Tomcat) under what production brings, over real HTTP against the fake
 * Hugging Face: a user in a thousand organizations, failed sign-ins again and again, Hugging
 * Face unreachable. Every sign-in ends with an answer: the page, or the failure page.
 */
class ReactiveRobustnessTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	static final int ORGANIZATIONS = 1000;

	static final String UNVERIFIED = "The answer from Hugging Face could not be verified";

	// Enough to catch what failed on 5 of 22 sign-ins; bounded, on loopback.
	static final int ATTEMPTS = 50;

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@AfterEach
	void restoreTheFake() {
		fake.repair().userInfo(FakeHuggingFace.DEFAULT_USERINFO);
	}

	@Nested
	@SpringBootTest(classes = OrganizationsApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = ReactiveApp.REACTIVE)
	class WithSpringDefaults {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void huggingFace(DynamicPropertyRegistry registry) {
			fake.configureClient(registry);
		}

		@Test
		void aUserInAThousandOrganizationsSignsInWithAllOfThem() {
			String userInfo = ManyOrganizations.userInfo(ORGANIZATIONS);
			assertThat(userInfo.length()).as("larger than Spring's default codec limit").isGreaterThan(256 * 1024);
			fake.userInfo(userInfo);
			TestBrowser browser = new TestBrowser(this.port);
			HttpResponse<String> signedIn = browser.signIn();
			assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
			HttpResponse<String> organizations = browser.get(browser.app("/organizations"));
			assertThat(organizations.statusCode()).isEqualTo(200);
			assertThat(organizations.body()).isEqualTo(OrganizationsApp.expected(ORGANIZATIONS));
		}

		@Test
		void anIdTokenWithABadSignatureIsAnsweredWithItsPageEveryTime() {
			fake.signIdTokens(IdTokenSigning.FOREIGN_KEY_SAME_KID);
			for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
				HttpResponse<String> refused = new TestBrowser(this.port).signIn();
				assertThat(refused.statusCode()).as("attempt %d", attempt).isEqualTo(401);
				assertThat(refused.body()).as("attempt %d", attempt).contains(UNVERIFIED).doesNotContain("Exception");
			}
			fake.repair();
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).as("the next sign-in works").isEqualTo(302);
			assertThat(browser.get(browser.app("/organizations")).statusCode()).isEqualTo(200);
		}

	}

	@Nested
	@SpringBootTest(classes = OrganizationsApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { ReactiveApp.REACTIVE, "spring.http.codecs.max-in-memory-size=64KB" })
	@ExtendWith(OutputCaptureExtension.class)
	class WithASmallerCodecLimit {

		@Value("${local.server.port}")
		int port;

		@DynamicPropertySource
		static void huggingFace(DynamicPropertyRegistry registry) {
			fake.configureClient(registry);
		}

		@Test
		void springHttpCodecsMaxInMemorySizeGovernsTheAnswersOfHuggingFace(CapturedOutput output) {
			fake.userInfo(ManyOrganizations.userInfo(ORGANIZATIONS));
			HttpResponse<String> refused = new TestBrowser(this.port).signIn();
			assertThat(refused.statusCode()).isEqualTo(502);
			assertThat(refused.body()).contains("Hugging Face answered with an error.").doesNotContain("Exception");
			assertThat(output).contains("Sign in with Hugging Face failed: invalid_user_info_response (DataBufferLimitException: "
					+ "the answer of Hugging Face is larger than spring.http.codecs.max-in-memory-size allows; raise it)");

			fake.userInfo(ManyOrganizations.userInfo(50));
			TestBrowser browser = new TestBrowser(this.port);
			assertThat(browser.signIn().statusCode()).as("a smaller answer fits").isEqualTo(302);
			assertThat(browser.get(browser.app("/organizations")).body()).isEqualTo(OrganizationsApp.expected(50));
		}

	}

	// The same properties as ReactiveLoginTests.WhenHuggingFaceIsUnreachable: one context for both.
	@Nested
	@SpringBootTest(classes = ReactiveApp.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { ReactiveApp.REACTIVE, "hf.oauth.client-id=fake-client-id",
					"hf.oauth.provider-url=http://127.0.0.1:9", "hf.oauth.connect-timeout=1s" })
	class WhenHuggingFaceIsUnreachable {

		@Value("${local.server.port}")
		int port;

		@Test
		void everySignInSaysHuggingFaceCannotBeReached() {
			for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
				// A new connection each time: Tomcat closes the one that carried a 503.
				TestBrowser browser = new TestBrowser(this.port);
				HttpResponse<String> page = (attempt % 2 == 0)
						? browser.getJson(browser.app("/oauth2/authorization/huggingface"))
						: browser.get(browser.app("/oauth2/authorization/huggingface"));
				assertThat(page.statusCode()).as("attempt %d", attempt).isEqualTo(503);
				assertThat(page.body()).as("attempt %d", attempt)
					.contains((attempt % 2 == 0) ? "\"error\":\"hf_provider_unavailable\""
							: "Hugging Face could not be reached.");
			}
		}

	}

	/** A WebFlux app that lists the signed-in user's organizations and roles. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class OrganizationsApp {

		@GetMapping("/organizations")
		Mono<String> organizations(@AuthenticationPrincipal HfOAuth2User user) {
			return Mono.just(user.getOrganizations()
				.stream()
				.map((organization) -> organization.getUsername() + ":"
						+ user.roleIn(organization.getUsername()).orElseThrow().value())
				.collect(Collectors.joining(",")));
		}

		static String expected(int count) {
			return IntStream.rangeClosed(1, count)
				.mapToObj((number) -> ManyOrganizations.handle(number) + ":" + ManyOrganizations.role(number))
				.collect(Collectors.joining(","));
		}

	}

}
