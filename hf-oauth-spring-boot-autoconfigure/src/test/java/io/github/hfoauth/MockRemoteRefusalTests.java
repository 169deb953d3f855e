package io.github.hfoauth;

import java.net.InetAddress;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;

/**
 * Tests for {@link MockRemoteRefusal}: which addresses mock mode answers, and what the others
 * read.
 */
class MockRemoteRefusalTests {

	@Test
	void loopbackAddressesAreAnswered() {
		assertThat(MockRemoteRefusal.isLoopback("127.0.0.1")).isTrue();
		assertThat(MockRemoteRefusal.isLoopback("127.0.1.1")).isTrue();
		assertThat(MockRemoteRefusal.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
		assertThat(MockRemoteRefusal.isLoopback("[::1]")).isTrue();
	}

	@Test
	void everythingElseIsRefusedWithoutLookingNamesUp() {
		assertThat(MockRemoteRefusal.isLoopback("172.17.0.1")).as("Docker's bridge").isFalse();
		assertThat(MockRemoteRefusal.isLoopback("203.0.113.7")).isFalse();
		assertThat(MockRemoteRefusal.isLoopback("localhost")).as("a name, never resolved").isFalse();
		assertThat(MockRemoteRefusal.isLoopback((String) null)).isFalse();
		assertThat(MockRemoteRefusal.isLoopback("")).isFalse();
	}

	// Fails closed on both stacks: a servlet request without an address here, WebFlux's (a bound
	// WebTestClient, a Unix socket) in HfLocalRequestsTests.
	@Test
	void aServletRequestWithoutAnAddressIsRefused() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorization/huggingface");
		request.setRemoteAddr(null);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		new MockRemoteFilter().doFilter(request, response, chain);
		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(chain.getRequest()).as("nothing after it ran").isNull();
		MockHttpServletRequest local = new MockHttpServletRequest("GET", "/oauth2/authorization/huggingface");
		MockFilterChain localChain = new MockFilterChain();
		new MockRemoteFilter().doFilter(local, new MockHttpServletResponse(), localChain);
		assertThat(localChain.getRequest()).as("MockMvc's 127.0.0.1 goes on").isNotNull();
	}

	@Test
	void theAnswerNamesTheProperty() {
		assertThat(MockRemoteRefusal.of("text/html").body()).contains("hf.oauth.mock.allow-remote=true");
		assertThat(MockRemoteRefusal.of("application/json").body()).startsWith("{\"error\":\"hf_mock_remote_refused\"")
			.contains("HF_OAUTH_MOCK_ALLOW_REMOTE=true");
	}

	// Checked on every request in mock mode: a local one costs neither a pattern nor a parse.
	@Test
	void aLocalRequestIsAnsweredWithoutCompilingAPatternOrParsingTheAddress() {
		MockRemoteRefusal.isLoopback("127.0.0.1");
		try (MockedStatic<Pattern> patterns = mockStatic(Pattern.class, CALLS_REAL_METHODS);
				MockedStatic<InetAddress> addresses = mockStatic(InetAddress.class, CALLS_REAL_METHODS)) {
			assertThat(MockRemoteRefusal.isLoopback("127.0.0.1")).isTrue();
			assertThat(MockRemoteRefusal.isLoopback("[::1]")).isTrue();
			assertThat(MockRemoteRefusal.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
			patterns.verify(() -> Pattern.compile(anyString()), never());
			addresses.verify(() -> InetAddress.getByName(anyString()), never());
		}
	}

}
