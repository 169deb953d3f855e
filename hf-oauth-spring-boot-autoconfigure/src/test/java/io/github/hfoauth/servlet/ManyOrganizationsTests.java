package io.github.hfoauth.servlet;

import java.net.http.HttpResponse;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.fake.FakeHuggingFace;
import io.github.hfoauth.fake.ManyOrganizations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user in a thousand organizations (a userinfo of about 370 KB) signs in to a servlet app
 * and has all of them, as on WebFlux ({@code ReactiveRobustnessTests}).
 */
@SpringBootTest(classes = ManyOrganizationsTests.OrganizationsApp.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ManyOrganizationsTests {

	static final FakeHuggingFace fake = FakeHuggingFace.start();

	static final int ORGANIZATIONS = 1000;

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void huggingFace(DynamicPropertyRegistry registry) {
		fake.configureClient(registry);
	}

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	@Test
	void aUserInAThousandOrganizationsSignsInWithAllOfThem() {
		fake.userInfo(ManyOrganizations.userInfo(ORGANIZATIONS));
		TestBrowser browser = new TestBrowser(this.port);
		HttpResponse<String> signedIn = browser.signIn();
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
		HttpResponse<String> organizations = browser.get(browser.app("/organizations"));
		assertThat(organizations.statusCode()).isEqualTo(200);
		assertThat(organizations.body()).isEqualTo(IntStream.rangeClosed(1, ORGANIZATIONS)
			.mapToObj((number) -> ManyOrganizations.handle(number) + ":" + ManyOrganizations.role(number))
			.collect(Collectors.joining(",")));
	}

	/** A servlet app that lists the signed-in user's organizations and roles. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class OrganizationsApp {

		@GetMapping("/organizations")
		String organizations(@AuthenticationPrincipal HfOAuth2User user) {
			return user.getOrganizations()
				.stream()
				.map((organization) -> organization.getUsername() + ":"
						+ user.roleIn(organization.getUsername()).orElseThrow().value())
				.collect(Collectors.joining(","));
		}

	}

}
