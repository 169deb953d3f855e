package io.github.hfoauth.api;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.times;

/**
 * Tests for {@link HfChatStream}: a whole answer is read with one JSON parser, not one per event.
 */
class HfChatStreamTests {

	@Test
	void aStreamReadsEveryEventWithOneParser() {
		try (MockedStatic<JsonParserFactory> parsers = mockStatic(JsonParserFactory.class, CALLS_REAL_METHODS)) {
			HfChatStream stream = new HfChatStream("the model 'm'");
			List<String> pieces = new ArrayList<>();
			for (String piece : List.of("The ", "capital ", "of France ", "is ", "Paris.")) {
				HfChatChunk chunk = stream.read("{\"id\":\"c1\",\"choices\":[{\"delta\":{\"content\":\"" + piece + "\"}}]}");
				pieces.add(chunk.content());
			}
			stream.read("[DONE]");
			assertThat(pieces).containsExactly("The ", "capital ", "of France ", "is ", "Paris.");
			assertThat(stream.end().content()).isEqualTo("The capital of France is Paris.");
			parsers.verify(JsonParserFactory::getJsonParser, times(1));
		}
	}

}
