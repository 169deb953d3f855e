package io.github.hfoauth;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;

/**
 * Tests for {@link HfFrameSignIn}'s JSON answers to the frame: nothing in them breaks out of
 * a string, and writing them compiles no pattern (they answer every frame's sign-in).
 */
class HfFrameSignInTests {

	@Test
	void theFramesJsonAnswersCarryNoQuotesOrControlsAndCompileNoPattern() {
		HfFrameSignIn.redeemedJson(null);
		try (MockedStatic<Pattern> patterns = mockStatic(Pattern.class, CALLS_REAL_METHODS)) {
			assertThat(HfFrameSignIn.csrfJson("X-CSRF-TOKEN", "a\"b\\c<d>\n"))
				.isEqualTo("{\"header\":\"X-CSRF-TOKEN\",\"token\":\"abcd\"}");
			assertThat(HfFrameSignIn.redeemedJson("/private?x=\"1\"")).isEqualTo("{\"location\":\"/private?x=1\"}");
			patterns.verify(() -> Pattern.compile(anyString()), never());
		}
	}

}
