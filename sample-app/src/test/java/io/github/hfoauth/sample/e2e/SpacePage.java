package io.github.hfoauth.sample.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.ArrayList;
import java.util.List;

import io.github.hfoauth.fake.FakeHuggingFace;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The app deployed as the Space {@code ada/demo}, and its page on the fake huggingface.co,
 * which shows the app in an iframe. A JUnit extension: register it as a static field, feed
 * {@link #environment} to {@code @DynamicPropertySource} (or start an app with
 * {@link #arguments}), and it stops the fake after the class.
 * <p>
 * As on huggingface.co, the page and the app are different sites: the page is served on
 * {@code localhost}, the app on {@code 127.0.0.1}, so the app's cookies are third-party
 * cookies inside the frame. One difference: without TLS here, Hugging Face sends the browser
 * back to the app's own http address rather than to {@code https://SPACE_HOST}, which only
 * Hugging Face's proxy serves; everything else is the Space's environment.
 */
final class SpacePage implements AfterAllCallback {

	static final String SPACE_HOST = "ada-demo.hf.space";

	static final String SCOPES = "openid profile email read-memberships";

	// With a custom domain: the hf.space host (where the app is) first, then the custom domain.
	private static final String CUSTOM_DOMAIN_SPACE_HOSTS = "127.0.0.1,localhost";

	/** The Space page whose frame shows the app's home page. */
	static final String HOME = "/spaces/ada/demo";

	/** The Space page of an app whose first page needs sign-in. */
	static final String ACCOUNT = "/spaces/ada/demo-account";

	/** The Space page of an app whose first page is "Ask a model". */
	static final String ASK = "/spaces/ada/demo-ask";

	/** The iframe's name, to switch into it. */
	static final String FRAME = "space-app";

	// What huggingface.co puts on a Space's iframe (seen in gradio issue #8148): pop-ups, such as
	// a target=_blank link, may leave the sandbox; navigating the top-level page may not.
	private static final String SANDBOX = "allow-downloads allow-forms allow-modals allow-pointer-lock allow-popups "
			+ "allow-popups-to-escape-sandbox allow-same-origin allow-scripts allow-storage-access-by-user-activation";

	private final FakeHuggingFace huggingFace = BrowserHuggingFace.start(SCOPES);

	// Fixed before the app starts: the redirect URI names it.
	private final int appPort = FakeHuggingFace.freePort();

	SpacePage() {
		page(HOME, app("/"));
		page(ACCOUNT, app("/account"));
		page(ASK, app("/ask"));
	}

	FakeHuggingFace huggingFace() {
		return this.huggingFace;
	}

	/** What Hugging Face puts into the environment of a Space with {@code hf_oauth: true}. */
	void environment(DynamicPropertyRegistry registry) {
		environment(registry, SPACE_HOST);
	}

	/** The same as command-line arguments ({@code --name=value}), for an app a test starts itself. */
	List<String> arguments() {
		return arguments(SPACE_HOST);
	}

	/**
	 * The same with a custom domain: {@code 127.0.0.1}, where the app is, plays the
	 * {@code hf.space} host that Hugging Face sends sign-ins back to, {@code localhost} the
	 * custom domain.
	 */
	void customDomainEnvironment(DynamicPropertyRegistry registry) {
		environment(registry, CUSTOM_DOMAIN_SPACE_HOSTS);
	}

	/** {@link #customDomainEnvironment} as command-line arguments. */
	List<String> customDomainArguments() {
		return arguments(CUSTOM_DOMAIN_SPACE_HOSTS);
	}

	/** The app's URL for a path on the custom domain of {@link #customDomainEnvironment}. */
	String customDomain(String path) {
		return "http://localhost:" + this.appPort + path;
	}

	private List<String> arguments(String spaceHost) {
		List<String> arguments = new ArrayList<>();
		environment((name, value) -> arguments.add("--" + name + "=" + value.get()), spaceHost);
		return arguments;
	}

	// One list of properties, whether a test context or a command line takes them.
	private void environment(DynamicPropertyRegistry property, String spaceHost) {
		property.add("server.port", () -> this.appPort);
		property.add("SPACE_ID", () -> "ada/demo");
		property.add("SPACE_HOST", () -> spaceHost);
		property.add("OAUTH_CLIENT_ID", () -> FakeHuggingFace.DEFAULT_CLIENT_ID);
		property.add("OAUTH_CLIENT_SECRET", () -> FakeHuggingFace.DEFAULT_CLIENT_SECRET);
		property.add("OAUTH_SCOPES", () -> SCOPES);
		property.add("OPENID_PROVIDER_URL", this.huggingFace::baseUrl);
		property.add("hf.oauth.redirect-uri", () -> app("/login/oauth2/code/huggingface"));
		// The fake huggingface.co frames the app, as https://huggingface.co does in production.
		property.add("hf.oauth.space.frame-ancestors", this::spaceOrigin);
	}

	/** The URL of one of the Space pages, {@link #HOME} or {@link #ACCOUNT}. */
	String url(String page) {
		return spaceOrigin() + page;
	}

	/** The app's own URL for a path. */
	String app(String path) {
		return "http://127.0.0.1:" + this.appPort + path;
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.huggingFace.close();
	}

	private String spaceOrigin() {
		return "http://localhost:" + this.huggingFace.server().port();
	}

	private void page(String path, String appUrl) {
		this.huggingFace.server().stubFor(get(urlPathEqualTo(path)).willReturn(okForContentType("text/html", """
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ada/demo</title></head>
				<body style="margin:0;font-family:system-ui,sans-serif;background:#f9fafb">
				<header style="padding:.6rem 1rem;border-bottom:1px solid #e5e7eb;background:#fff">
				<b>Spaces</b> &middot; ada/demo <span style="color:#6b7280">(the Space page on huggingface.co, faked)</span>
				</header>
				<iframe name="%s" src="%s" sandbox="%s" style="width:100%%;height:660px;border:0"></iframe>
				</body></html>""".formatted(FRAME, appUrl, SANDBOX))));
	}

}
