package io.github.hfoauth.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.github.hfoauth.HfOAuth2User;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Says why access was denied, in the words of the organization rule that denied it: a page for
 * browsers (rendered by the {@code /forbidden} view), JSON for API clients. The CSRF filter's
 * refusals keep Spring Security's plain 403.
 */
final class OrganizationAccessDeniedHandler implements AccessDeniedHandler {

	private final String organization;

	private final JsonMapper jsonMapper;

	OrganizationAccessDeniedHandler(String organization, JsonMapper jsonMapper) {
		this.organization = organization;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		if (denied instanceof CsrfException) {
			response.sendError(HttpStatus.FORBIDDEN.value());
			return;
		}
		String message = message(request);
		if (request.getHeader("Accept") != null && request.getHeader("Accept").startsWith("application/json")) {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter().write(this.jsonMapper.writeValueAsString(new Forbidden("forbidden", message)));
			return;
		}
		request.setAttribute("message", message);
		response.setStatus(HttpStatus.FORBIDDEN.value());
		request.getRequestDispatcher("/forbidden").forward(request, response);
	}

	private String message(HttpServletRequest request) {
		if (request.getRequestURI().startsWith(request.getContextPath() + "/org/")) {
			return "Only admins of " + this.organization + " can do this.";
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String who = (authentication != null && authentication.getPrincipal() instanceof HfOAuth2User user)
				? "@" + user.getUsername() : "you";
		return "This page is for members of " + this.organization + ". You are signed in as " + who
				+ ", who is not a member.";
	}

	record Forbidden(String error, String message) {
	}

}
