package io.github.hfoauth.sample.reactive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.hfoauth.HfOAuth2Registration;
import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOrganization;
import io.github.hfoauth.HfServerOAuth2Login;
import io.github.hfoauth.api.HfApiException;
import io.github.hfoauth.api.HfChatRequest;
import io.github.hfoauth.api.HfReactiveApiClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * A small WebFlux app signing in with Hugging Face, for tests that run it as several instances
 * sharing sessions (see {@link ReactiveSharedSessionsHarness}): the reactive twin of the
 * sample's pages that those tests need. {@code /} is public and offers the sign-in or the
 * sign-out form; {@code /account} needs a signed-in user; {@code /api/me} answers JSON, to a
 * signed-in browser or a script with a Hugging Face token ({@code hf.oauth.bearer.enabled}, as
 * the servlet sample), and 401 to an API client that is neither; {@code /ask} streams a model's
 * answer as the servlet sample's "Ask a model" page does.
 * <p>
 * Deliberately neither a {@code @SpringBootApplication} nor a {@code @Configuration}: the
 * servlet sample's component scan covers this package and must not pick it up. Routes are
 * functions for the same reason (a {@code @RestController} would be scanned).
 */
@EnableAutoConfiguration
public class ReactiveSampleApp {

	/**
	 * The argument that keeps sessions in the instance's memory: without it, the test classpath's
	 * Redis starters would keep them in a Redis that may not be running.
	 */
	public static final String SESSIONS_IN_MEMORY = "--spring.autoconfigure.exclude="
			+ "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration,"
			+ "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration";

	private static final String MODEL = "HuggingFaceTB/SmolLM3-3B";

	private static final ParameterizedTypeReference<Map<String, Object>> LINE = new ParameterizedTypeReference<>() {
	};

	/**
	 * Starts an instance as a WebFlux app (the test classpath has Spring MVC too), on Tomcat.
	 * The servlet sample's {@code application.properties} is not read: it turns Redis off.
	 * @param arguments command-line arguments, such as {@code --server.port=0}
	 * @return the running instance
	 */
	public static ConfigurableApplicationContext start(String... arguments) {
		return new SpringApplicationBuilder(ReactiveSampleApp.class).web(WebApplicationType.REACTIVE)
			.properties("spring.config.name=reactive-sample", "hf.oauth.bearer.enabled=true")
			.run(arguments);
	}

	@Bean
	SecurityWebFilterChain reactiveSampleSecurity(ServerHttpSecurity http, HfServerOAuth2Login huggingFace) {
		http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/", "/js/**").permitAll().anyExchange().authenticated());
		// An API client cannot follow a redirect to Hugging Face: /api/** answers a JSON 401.
		huggingFace.withApiPaths("/api/**").configure(http);
		return http.build();
	}

	@Bean
	RouterFunction<ServerResponse> reactiveSamplePages(HfReactiveApiClient huggingFace) {
		return RouterFunctions.route()
			.GET("/", ReactiveSampleApp::home)
			.GET("/ask", ReactiveSampleApp::ask)
			.POST("/ask/stream", (request) -> askStream(request, huggingFace))
			.GET("/account", ReactiveSampleApp::account)
			.GET("/api/me", ReactiveSampleApp::me)
			.build();
	}

	private static Mono<ServerResponse> home(ServerRequest request) {
		Mono<CsrfToken> csrf = request.exchange().getAttribute(CsrfToken.class.getName());
		return user(request).flatMap((user) -> ((csrf != null) ? csrf : Mono.<CsrfToken>empty())
			.map((token) -> "<p>Signed in as " + escape(user.getUsername()) + "</p>"
					+ "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"" + escape(token.getParameterName())
					+ "\" value=\"" + escape(token.getToken()) + "\"><button>Sign out</button></form>"))
			.defaultIfEmpty(((request.queryParam("signed-in-elsewhere").isPresent())
					? "<p class=\"signed-in-elsewhere\">You are signed out here. Another tab of this app is still signed in.</p>"
					: "") + "<p><a href=\"" + HfOAuth2Registration.LOGIN_URL + "\">Sign in with Hugging Face</a></p>")
			.flatMap((body) -> html("Home", body));
	}

	// The servlet sample's "Ask a model" page, reduced to its form; the same script streams the answer.
	private static Mono<ServerResponse> ask(ServerRequest request) {
		Mono<CsrfToken> csrf = request.exchange().getAttribute(CsrfToken.class.getName());
		return ((csrf != null) ? csrf : Mono.<CsrfToken>empty())
			.flatMap((token) -> html("Ask a model", "<form class=\"ask\" method=\"post\" action=\"/ask\" "
					+ "data-stream=\"/ask/stream\"><input type=\"hidden\" name=\"" + escape(token.getParameterName())
					+ "\" value=\"" + escape(token.getToken()) + "\"><input name=\"model\" value=\"" + MODEL + "\">"
					+ "<textarea id=\"prompt\" name=\"prompt\"></textarea><button type=\"submit\">Ask</button></form>"
					+ "<section class=\"live-problem\" role=\"alert\" hidden><p class=\"problem-text\"></p>"
					+ "<p class=\"sign-in-again\" hidden><a href=\"" + HfOAuth2Registration.LOGIN_URL + "\">Sign in again</a></p>"
					+ "</section><section class=\"live-answer\" hidden><h2>Answer <span class=\"answer-model\"></span></h2>"
					+ "<p class=\"live-text\"></p><p class=\"answer-timing\"></p></section>"
					+ "<script src=\"/js/ask.js\" defer></script>"));
	}

	/**
	 * The twin of the servlet sample's {@code POST /ask/stream}: one JSON object a line, each
	 * written and flushed as the model generates it ({@code application/x-ndjson} is a streaming
	 * type for WebFlux's JSON encoder). A browser that goes away cancels the {@code Flux}, which
	 * closes the connection to Hugging Face.
	 */
	private static Mono<ServerResponse> askStream(ServerRequest request, HfReactiveApiClient huggingFace) {
		return request.formData().flatMap((form) -> {
			String prompt = String.valueOf(form.getFirst("prompt"));
			String model = (form.getFirst("model") != null && !form.getFirst("model").isBlank())
					? form.getFirst("model").trim() : MODEL;
			AtomicReference<String> finishReason = new AtomicReference<>("");
			Flux<Map<String, Object>> lines = huggingFace
				.streamChatCompletion(new HfChatRequest(model, List.of(new HfChatRequest.Message("user", prompt)), 512, 0.7))
				.doOnNext((chunk) -> {
					if (chunk.finishReason() != null) {
						finishReason.set(chunk.finishReason());
					}
				})
				.<Map<String, Object>>map((chunk) -> Map.of("text", chunk.content()))
				.concatWith(Mono.fromSupplier(
						() -> Map.of("done", true, "model", model, "finishReason", finishReason.get())))
				.onErrorResume(HfApiException.class, (ex) -> Mono.just(Map.of("problem", String.valueOf(ex.getMessage()),
						"signInAgain", ex.getKind() == HfApiException.Kind.SIGN_IN_AGAIN)));
			return ServerResponse.ok()
				.contentType(MediaType.APPLICATION_NDJSON)
				.header("X-Accel-Buffering", "no")
				.body(lines, LINE);
		});
	}

	private static Mono<ServerResponse> account(ServerRequest request) {
		return user(request).flatMap((user) -> html("Your account",
				"<p>" + escape(user.getDisplayName()) + "</p><p>" + escape(String.join(", ",
						user.getOrganizations().stream().map(HfOrganization::getUsername).toList())) + "</p>"));
	}

	private static Mono<ServerResponse> me(ServerRequest request) {
		return user(request).flatMap((user) -> ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(me(user)));
	}

	// Absent values are null rather than missing keys.
	private static Map<String, Object> me(HfOAuth2User user) {
		Map<String, Object> me = new LinkedHashMap<>();
		me.put("username", user.getUsername());
		me.put("name", user.getDisplayName());
		me.put("organizations", user.getOrganizations().stream().map(HfOrganization::getUsername).toList());
		return me;
	}

	private static Mono<HfOAuth2User> user(ServerRequest request) {
		// A sign-in or a Hugging Face token on /api/**: the same principal either way.
		return request.principal()
			.ofType(Authentication.class)
			.map(Authentication::getPrincipal)
			.ofType(HfOAuth2User.class);
	}

	private static Mono<ServerResponse> html(String title, String body) {
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_HTML)
			.bodyValue("<!doctype html><html><head><title>" + escape(title) + "</title></head><body><h1>"
					+ escape(title) + "</h1>" + body + "</body></html>");
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(String.valueOf(text));
	}

}
