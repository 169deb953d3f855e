package io.github.hfoauth.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SpaceForwardedHeaders}: in a Space only the scheme and the Space's own hosts
 * are trusted.
 */
class SpaceForwardedHeadersTests {

	private final SpaceForwardedHeaders trust = SpaceForwardedHeaders.of(new MockEnvironment()
		.withProperty("SPACE_ID", "ada/demo")
		.withProperty("SPACE_HOST", "ada-demo.hf.space, Demo.Example.org"));

	@Test
	void theSchemeAndEverySpaceHostAreTrusted() {
		assertThat(this.trust.active()).isTrue();
		assertThat(this.trust.trusted("X-Forwarded-Proto", List.of("https"))).isEqualTo("https");
		assertThat(this.trust.trusted("x-forwarded-host", List.of("ada-demo.hf.space"))).isEqualTo("ada-demo.hf.space");
		assertThat(this.trust.trusted("X-Forwarded-Host", List.of("demo.example.org"))).isEqualTo("demo.example.org");
	}

	@Test
	void anythingElseIsDropped() {
		assertThat(this.trust.trusted("X-Forwarded-Host", List.of("evil.example"))).isNull();
		assertThat(this.trust.trusted("X-Forwarded-Host", List.of("evil.example, ada-demo.hf.space"))).isNull();
		assertThat(this.trust.trusted("X-Forwarded-Host", List.of("ada-demo.hf.space", "evil.example"))).isNull();
		assertThat(this.trust.trusted("X-Forwarded-Host", List.of("ada-demo.hf.space:8443"))).isNull();
		assertThat(this.trust.trusted("X-Forwarded-Proto", List.of("javascript"))).isNull();
		for (String name : List.of("Forwarded", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-For",
				"X-Forwarded-Ssl")) {
			assertThat(SpaceForwardedHeaders.isForwarded(name)).isTrue();
			assertThat(this.trust.trusted(name, List.of("on"))).as(name).isNull();
		}
	}

	@Test
	void outsideASpaceOrWithTheAppsOwnStrategyNothingIsApplied() {
		assertThat(SpaceForwardedHeaders.of(new MockEnvironment()).active()).isFalse();
		assertThat(SpaceForwardedHeaders.of(new MockEnvironment().withProperty("SPACE_ID", "ada/demo")
			.withProperty("server.forward-headers-strategy", "native")).active()).isFalse();
	}

}
