package io.github.hfoauth.sample;

import java.util.List;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.api.HfApiException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * {@code GET /api/my-models}: the signed-in user's models on the Hub, through the app's own
 * declarative interface, which the starter calls with the user's token (the group
 * {@code huggingface}).
 */
@RestController
@ImportHttpServices(group = "huggingface", types = MyModelsController.HubModels.class)
class MyModelsController {

	/** The Hub's model listing, as this app needs it. */
	@HttpExchange("/api")
	interface HubModels {

		@GetExchange("/models")
		List<Model> byAuthor(@RequestParam String author, @RequestParam int limit);

	}

	/** The fields this app reads; the Hub sends more. */
	record Model(String id, int likes, int downloads) {
	}

	private final HubModels hub;

	MyModelsController(HubModels hub) {
		this.hub = hub;
	}

	@GetMapping("/api/my-models")
	List<Model> myModels(@AuthenticationPrincipal HfOAuth2User user) {
		return this.hub.byAuthor(user.getUsername(), 20);
	}

	// Its message is written for the user; the status says what kind of failure it is.
	@ExceptionHandler(HfApiException.class)
	ResponseEntity<Problem> failure(HfApiException ex) {
		HttpStatus status = switch (ex.getKind()) {
			case SIGN_IN_AGAIN -> HttpStatus.UNAUTHORIZED;
			case NO_TOKEN, MISSING_SCOPE, BILLING_REFUSED -> HttpStatus.FORBIDDEN;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
			case REFUSED -> HttpStatus.BAD_GATEWAY;
			case UNAVAILABLE, INTERRUPTED -> HttpStatus.SERVICE_UNAVAILABLE;
		};
		return ResponseEntity.status(status).body(new Problem(ex.getKind().name(), ex.getMessage()));
	}

	record Problem(String error, String message) {
	}

}
