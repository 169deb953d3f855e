package io.github.hfoauth;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused refresh is logged on one line, whatever Hugging Face's error code and the user's
 * name (its subject) hold.
 */
class RefreshResultTests {

	@Test
	void aRefusedRefreshIsOneLogLine() {
		List<String> lines = new ArrayList<>();
		Log log = (Log) Proxy.newProxyInstance(Log.class.getClassLoader(), new Class<?>[] { Log.class },
				(proxy, method, args) -> {
					if (method.getName().startsWith("is")) {
						return true;
					}
					if (args != null && args.length > 0) {
						lines.add(String.valueOf(args[0]));
					}
					return null;
				});
		OAuth2AuthorizationException refused = new OAuth2AuthorizationException(
				new OAuth2Error("invalid_grant\nINFO Signed in admin\u2028x"));

		assertThat(RefreshResult.failed("ada\r\nWARN forged", refused, log)).isEqualTo(RefreshResult.NOT_REFRESHED);

		assertThat(lines).singleElement()
			.isEqualTo("Hugging Face refused to refresh the token of ada  WARN forged (invalid_grant INFO Signed in admin x)");
	}

}
