package io.github.hfoauth.fake;

import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/**
 * The fake's consent page: the app asking, the scopes it asks for, and "Cancel" and
 * "Authorize" buttons that post the authorize request back with the user's decision.
 */
final class ConsentPage {

	private ConsentPage() {
	}

	static String render(Map<String, String> authorizeRequest) {
		StringBuilder page = new StringBuilder("""
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorize application</title>
				<style>body{font-family:system-ui,sans-serif;background:#f9fafb;margin:0}
				main{max-width:28rem;margin:3rem auto;background:#fff;border:1px solid #e5e7eb;border-radius:12px;padding:1.5rem 2rem}
				h1{font-size:1.25rem}li{margin:.25rem 0}.buttons{display:flex;gap:.75rem;justify-content:flex-end}
				button{font-size:1rem;padding:.5rem 1.25rem;border-radius:8px;border:1px solid #d1d5db;background:#fff;cursor:pointer}
				button[value=allow]{background:#111827;color:#fff}
				.logo{display:inline-block;width:1em;height:1em;border-radius:50%;background:#FFD21E;vertical-align:-.15em}</style></head><body><main>
				<p><span class="logo"></span> Hugging Face (fake)</p>
				""");
		page.append("<h1>Authorize <strong id=\"client\">").append(escape(authorizeRequest.get("client_id")))
			.append("</strong></h1><p>This application would like to:</p><ul id=\"scopes\">");
		for (String scope : String.valueOf(authorizeRequest.getOrDefault("scope", "")).split(" ")) {
			if (!scope.isBlank()) {
				page.append("<li>").append(escape(scope)).append("</li>");
			}
		}
		page.append("</ul><form method=\"post\" action=\"").append(FakeHuggingFace.AUTHORIZE_PATH).append("\">");
		authorizeRequest.forEach((name, value) -> page.append("<input type=\"hidden\" name=\"").append(escape(name))
			.append("\" value=\"").append(escape(value)).append("\">"));
		page.append("<p class=\"buttons\"><button type=\"submit\" name=\"").append(AuthorizeEndpoint.DECISION)
			.append("\" value=\"deny\">Cancel</button><button type=\"submit\" name=\"").append(AuthorizeEndpoint.DECISION)
			.append("\" value=\"").append(AuthorizeEndpoint.ALLOW).append("\">Authorize</button></p></form>")
			.append("</main></body></html>");
		return page.toString();
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(String.valueOf(text));
	}

}
