package io.github.hfoauth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page a sign-in returns to: a path on the app's own origin, or nothing (the app's root),
 * never a path a browser reads as another host.
 */
class SameOriginPathTests {

	@Test
	void aSavedRequestsUrlGivesItsPathAndQuery() {
		assertThat(SameOriginPath.of("http://localhost:8080/account?continue")).isEqualTo("/account?continue");
		assertThat(SameOriginPath.of("https://ada-demo.hf.space/app/files/a%2Fb?q=1&x=%2F%2Fy"))
			.isEqualTo("/app/files/a%2Fb?q=1&x=%2F%2Fy");
		assertThat(SameOriginPath.of("https://ada-demo.hf.space")).as("no path: the root").isNull();
		assertThat(SameOriginPath.of("/account")).isEqualTo("/account");
		assertThat(SameOriginPath.of("/")).isEqualTo("/");
		assertThat(SameOriginPath.of("/a//b/../c?d")).as("extra slashes after the first segment stay on this host")
			.isEqualTo("/a//b/../c?d");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// Scheme-relative, however many slashes: browsers skip the extra ones.
			"//evil.example", "//evil.example/account", "///evil.example", "////evil.example/account",
			"http://localhost:8080//evil.example/account", "http://localhost:8080////evil.example",
			// Backslashes, which browsers read as slashes in http(s) URLs.
			"/\\evil.example", "\\/evil.example", "\\\\evil.example", "http://localhost:8080/\\evil.example",
			// Tabs, newlines and leading spaces or controls, which browsers drop.
			"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", " //evil.example", "\u0000//evil.example",
			"/\u2028/evil.example",
			// Encoded once or twice: whatever decodes them before a browser reads them.
			"/%2F/evil.example", "/%2f%2fevil.example", "/%5Cevil.example", "/%5c%5cevil.example",
			"%2F%2Fevil.example", "/%252F/evil.example", "/%25252F/evil.example", "/%09/evil.example",
			"http://localhost:8080/%2F/evil.example", "/%E2%80%A8/evil.example",
			// Other schemes, and what is relative to the page rather than to the origin.
			"javascript:alert(1)", "data:text/html,x", "mailto:ada@example.com", "ftp://evil.example/",
			"evil.example", "account", "./account", "?continue", "#top", "",
			// Not a URL at all, or encodings that are not.
			"/%", "/%zz", "http://[evil", "/\u00e9" })
	void aPathABrowserMightReadAsAnotherHostIsNone(String url) {
		assertThat(SameOriginPath.of(url)).isNull();
	}

	@Test
	void nothingIsNothing() {
		assertThat(SameOriginPath.of(null)).isNull();
	}

}
