package io.github.hfoauth.sample;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.fake.FakeHuggingFace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ReflectionUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client secret, the tokens Hugging Face issues and the authorization code stay out of
 * everything the app shows or writes: its pages, its JSON, its redirects, its log (with the
 * starter's own logging at DEBUG), and the {@code toString} of the starter's beans. Checked
 * after a sign-in that works and after sign-ins that fail once the code, or the token, is
 * already in the app's hands.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "logging.level.io.github.hfoauth=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class SecretsTests {

	private static final String CLIENT_SECRET = "s3cr3t-hf-client-Value";

	private static final FakeHuggingFace huggingFace = FakeHuggingFace.start()
		.scopes(SpaceSignIn.SCOPES)
		.refreshTokens(true);

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	// Everything the app sent to a browser: status, headers and body of each answer.
	private final List<String> answers = new ArrayList<>();

	private final List<String> codes = new ArrayList<>();

	@DynamicPropertySource
	static void space(DynamicPropertyRegistry registry) {
		SpaceSignIn.environment(registry, huggingFace, CLIENT_SECRET);
	}

	@AfterAll
	static void stopHuggingFace() {
		huggingFace.close();
	}

	@BeforeEach
	void forgetRequests() {
		huggingFace.resetRequests();
	}

	@AfterEach
	void repairHuggingFace() {
		huggingFace.repair();
	}

	@Test
	void secretTokensAndCodesAppearInNoPageAnswerOrLogLine(CapturedOutput output) {
		Browser browser = new Browser(this.port);
		HttpResponse<String> signedIn = record(browser.get(callback(browser, browser.get("/account")).toString()));
		record(browser.followRedirects(signedIn));
		record(browser.get("/"));
		record(browser.getJson("/api/me"));
		assertThat(browser.getJson("/api/me").statusCode()).isEqualTo(200);

		// Hugging Face fails after the app has sent it the code, then after it has issued the token.
		huggingFace.breakEndpoint("/oauth/token", serverError());
		failedSignIn(false);
		failedSignIn(true);
		huggingFace.repair();
		huggingFace.breakEndpoint("/oauth/userinfo", serverError().withBody("{\"error\":\"boom\"}"));
		failedSignIn(false);
		failedSignIn(true);

		assertThat(huggingFace.tokenRequests()).as("the app authenticated to Hugging Face with the secret")
			.isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).isEqualTo(basic()));
		List<String> issued = issuedTokens();
		assertThat(issued).as("tokens issued").hasSizeGreaterThanOrEqualTo(9);
		assertThat(this.codes).hasSize(5);
		assertThat(output.getAll()).as("the log, which the test did capture")
			.contains("Sign in with Hugging Face failed");

		List<String> secrets = new ArrayList<>(
				List.of(CLIENT_SECRET, "hf_oauth_fake_", "hf_oauth_refresh_", "fake-code."));
		secrets.addAll(issued);
		secrets.addAll(this.codes);
		for (String secret : secrets) {
			assertThat(output.getAll().lines().filter((line) -> line.contains(secret)))
				.as("log lines with '%s'", secret)
				.isEmpty();
			assertThat(this.answers.stream().filter((answer) -> answer.contains(secret)))
				.as("answers of the app with '%s'", secret)
				.isEmpty();
		}
	}

	@Test
	void starterBeansAndWhatTheyHoldDoNotPrintTheSecret() {
		// Discovery builds the registration, which then sits in the repository.
		assertThat(this.context.getBean(ClientRegistrationRepository.class).findByRegistrationId("huggingface")
			.getClientSecret()).isEqualTo(CLIENT_SECRET);
		List<String> printed = new ArrayList<>();
		ConfigurableListableBeanFactory beans = this.context.getBeanFactory();
		for (String name : beans.getSingletonNames()) {
			Object bean = beans.getSingleton(name);
			if (!isStarters(bean)) {
				continue;
			}
			printed.add(name + ": " + bean);
			// One level down too: a settings object held by a bean ends up in a log line just as easily.
			ReflectionUtils.doWithFields(bean.getClass(), (field) -> {
				ReflectionUtils.makeAccessible(field);
				Object value = field.get(bean);
				if (isStarters(value)) {
					printed.add(name + "." + field.getName() + ": " + value);
				}
			// The starter's own fields: an enum bean (HfSignInMode) would lead into java.lang.Enum.
			}, (field) -> !Modifier.isStatic(field.getModifiers())
					&& field.getDeclaringClass().getName().startsWith("io.github.hfoauth."));
		}
		assertThat(printed).as("toString of the starter's beans").isNotEmpty()
			.noneSatisfy((text) -> assertThat(text).contains(CLIENT_SECRET));
	}

	private void failedSignIn(boolean asApiClient) {
		Browser browser = new Browser(this.port);
		URI callback = callback(browser, browser.get(HfOAuth2Registration.LOGIN_URL));
		HttpResponse<String> failed = record(asApiClient ? browser.getJson(callback.toString())
				: browser.get(callback.toString()));
		assertThat(failed.statusCode()).as(failed.body()).isBetween(400, 503);
		if (asApiClient) {
			assertThat(Json.parse(failed.body())).containsKeys("error", "message");
		}
		else {
			assertThat(Browser.page(failed).body().text()).contains("Try again");
		}
		assertThat(browser.getJson("/api/me").statusCode()).isEqualTo(401);
	}

	private URI callback(Browser browser, HttpResponse<String> first) {
		HttpResponse<String> toHuggingFace = record(first);
		while (!Browser.location(toHuggingFace).toString().startsWith(huggingFace.baseUrl())) {
			toHuggingFace = record(browser.follow(toHuggingFace));
		}
		URI callback = SpaceSignIn.approveOnHuggingFace(browser, toHuggingFace);
		this.codes.add(FakeHuggingFace.queryParams(callback.toString()).get("code"));
		return callback;
	}

	private HttpResponse<String> record(HttpResponse<String> response) {
		// The path only: the callback's own query holds the code, but that is not the app's answer.
		this.answers.add(response.statusCode() + " to " + response.uri().getPath() + "\n" + response.headers().map()
				+ "\n" + response.body());
		return response;
	}

	private static String basic() {
		String credentials = FakeHuggingFace.DEFAULT_CLIENT_ID + ":" + CLIENT_SECRET;
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

	// Every token value Hugging Face issued: access, refresh and ID tokens.
	private static List<String> issuedTokens() {
		List<String> tokens = new ArrayList<>();
		huggingFace.server()
			.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().startsWith("/oauth/token"))
			.filter((event) -> event.getResponse().getStatus() == 200)
			.map((event) -> Json.parse(event.getResponse().getBodyAsString()))
			.forEach((body) -> List.of("access_token", "refresh_token", "id_token")
				.forEach((key) -> tokens.add((String) body.get(key))));
		return tokens;
	}

	private static boolean isStarters(Object value) {
		return value != null && value.getClass().getName().startsWith("io.github.hfoauth.")
				&& !value.getClass().getName().startsWith("io.github.hfoauth.sample.");
	}

}
