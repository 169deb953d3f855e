package io.github.hfoauth;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

import com.nimbusds.jose.RemoteKeySourceException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.web.client.ResourceAccessException;

/**
 * What a failed sign-in means for the user, read from the OAuth2 error Spring Security raised
 * and its causes: the user's own doing (401), Hugging Face out of reach (503), or Hugging
 * Face answering something unusable (502).
 */
enum HfLoginFailure {

	CANCELLED("access_denied", HttpStatus.UNAUTHORIZED, "You cancelled the sign-in on Hugging Face."),

	BAD_REQUEST("bad_request", HttpStatus.BAD_REQUEST, "This sign-in link is not valid."),

	EXPIRED("expired", HttpStatus.UNAUTHORIZED, "Your sign-in expired or was started in another window."),

	CODE_USED("code_used", HttpStatus.UNAUTHORIZED, "This sign-in link was already used or has expired."),

	UNVERIFIED("invalid_id_token", HttpStatus.UNAUTHORIZED, "The answer from Hugging Face could not be verified, so you were not signed in."),

	UNREACHABLE("provider_unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Hugging Face could not be reached. Please try again in a moment."),

	PROVIDER_ERROR("provider_error", HttpStatus.BAD_GATEWAY, "Hugging Face answered with an error. Please try again in a moment."),

	PROVIDER_REPORTED_ERROR("provider_reported_error", HttpStatus.UNAUTHORIZED,
			"Hugging Face could not complete the sign-in. Please try again in a moment."),

	FAILED("other", HttpStatus.UNAUTHORIZED, "Signing in with Hugging Face did not work."),

	ORGANIZATION_REQUIRED("organization_required", HttpStatus.FORBIDDEN, "This app is limited to members of some organizations."),

	COOKIE_BLOCKED("cookie_blocked", HttpStatus.UNAUTHORIZED, "Your browser blocks the cookie this sign-in needs inside the "
			+ "Hugging Face page, so it cannot finish here.");

	private final String reason;

	private final HttpStatus status;

	private final String message;

	HfLoginFailure(String reason, HttpStatus status, String message) {
		this.reason = reason;
		this.status = status;
		this.message = message;
	}

	/**
	 * The failure as one word of a fixed set, for metrics and audit events: never the error
	 * code itself, which anyone can write into the callback URL.
	 */
	String reason() {
		return this.reason;
	}

	HttpStatus status() {
		return this.status;
	}

	String message() {
		return this.message;
	}

	static HfLoginFailure of(String errorCode, AuthenticationException exception) {
		// Network failures only (HttpTimeoutException is WebFlux's JDK client's), not any IOException:
		// a malformed request fails with one too (Tomcat's CharConversionException), the user's doing.
		if (causedBy(exception, ResourceAccessException.class) || causedBy(exception, SocketException.class)
				|| causedBy(exception, SocketTimeoutException.class) || causedBy(exception, UnknownHostException.class)
				|| causedBy(exception, HttpTimeoutException.class)) {
			return UNREACHABLE;
		}
		return switch (errorCode) {
			// The sign-in could not even start from this request: its URL is malformed.
			case "authorization_request_not_resolved" -> BAD_REQUEST;
			case "access_denied" -> CANCELLED;
			case "authorization_request_not_found", "invalid_state_parameter" -> EXPIRED;
			case "invalid_grant" -> CODE_USED;
			case HfOAuth2ErrorCodes.PROVIDER_UNAVAILABLE -> UNREACHABLE;
			case HfOAuth2ErrorCodes.ORGANIZATION_REQUIRED -> ORGANIZATION_REQUIRED;
			// Without a cause these came as error= on the callback URL, which anyone can write:
			// said as plainly, but not counted as the server's failure.
			case "server_error", "temporarily_unavailable" -> (exception.getCause() != null) ? PROVIDER_ERROR
					: PROVIDER_REPORTED_ERROR;
			case "invalid_token_response" -> PROVIDER_ERROR;
			// Without a cause, OidcUserService refused the answer (no sub, or another user's
			// sub); with one, the userinfo call itself failed.
			case "invalid_user_info_response" -> (exception.getCause() != null) ? PROVIDER_ERROR : UNVERIFIED;
			// The JWKS could not be read (an error status or garbage) rather than the token failing it.
			case "invalid_id_token" -> causedBy(exception, RemoteKeySourceException.class) ? PROVIDER_ERROR : UNVERIFIED;
			case "invalid_nonce" -> UNVERIFIED;
			default -> FAILED;
		};
	}

	private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
		for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
