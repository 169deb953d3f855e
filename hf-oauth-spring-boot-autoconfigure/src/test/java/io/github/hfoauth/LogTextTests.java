package io.github.hfoauth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LogText}: nothing that starts a new line in a log viewer survives.
 */
class LogTextTests {

	@Test
	void everyControlAndLineSeparatorBecomesASpace() {
		String forged = "a\rb\nc\u0000d\u001be\u007ff\u0085g\u2028h\u2029i\u000bj\u000ck";
		assertThat(LogText.clean(forged)).isEqualTo("a b c d e f g h i j k");
	}

	@Test
	void printableTextStaysAsItIs() {
		assertThat(LogText.clean("could not use https://huggingface.co: Ünïcödé \u00e9t\u00e9 ok"))
			.isEqualTo("could not use https://huggingface.co: Ünïcödé \u00e9t\u00e9 ok");
	}

}
