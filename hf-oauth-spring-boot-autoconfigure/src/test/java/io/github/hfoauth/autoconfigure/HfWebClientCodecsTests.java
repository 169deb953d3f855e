package io.github.hfoauth.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.codec.AbstractDataBufferDecoder;
import org.springframework.core.codec.StringDecoder;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.http.codec.DecoderHttpMessageReader;
import org.springframework.http.codec.LoggingCodecSupport;
import org.springframework.http.codec.multipart.MultipartHttpMessageWriter;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits and logging of the starter's {@code WebClient}s: Spring Boot's codec settings,
 * over a default that fits a user in thousands of organizations.
 */
@ExtendWith(OutputCaptureExtension.class)
class HfWebClientCodecsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class));

	@Test
	void withoutSpringHttpCodecsTheLimitIsFiveMegabytes() {
		this.contextRunner.run((context) -> assertThat(maxInMemorySize(HfWebClientCodecs.from(context, context.getEnvironment())))
			.isEqualTo(DataSize.ofMegabytes(5).toBytes()));
	}

	@Test
	void springHttpCodecsMaxInMemorySizeWins() {
		this.contextRunner.withPropertyValues("spring.http.codecs.max-in-memory-size=64KB")
			.run((context) -> assertThat(maxInMemorySize(HfWebClientCodecs.from(context, context.getEnvironment())))
				.isEqualTo(DataSize.ofKilobytes(64).toBytes()));
	}

	@Test
	void formsAreNeverLoggedSinceTokenRequestsCarrySecrets() {
		this.contextRunner.withPropertyValues("spring.http.codecs.log-request-details=true").run((context) -> {
			ClientCodecConfigurer codecs = ClientCodecConfigurer.create();
			HfWebClientCodecs.from(context, context.getEnvironment()).accept(codecs);
			// The form writer rides inside the multipart writer on the client side.
			assertThat(codecs.getWriters()).filteredOn(MultipartHttpMessageWriter.class::isInstance)
				.singleElement()
				.satisfies((writer) -> {
					MultipartHttpMessageWriter multipart = (MultipartHttpMessageWriter) writer;
					assertThat(multipart.isEnableLoggingRequestDetails()).isFalse();
					assertThat(((LoggingCodecSupport) multipart.getFormWriter()).isEnableLoggingRequestDetails()).isFalse();
				});
		});
	}

	@Test
	void springBoot3sPropertyNameIsNamedAsIgnoredWithTheOneToSet(CapturedOutput output) {
		this.contextRunner.withPropertyValues("spring.codec.max-in-memory-size=10MB").run((context) -> {
			assertThat(maxInMemorySize(HfWebClientCodecs.from(context, context.getEnvironment())))
				.isEqualTo(DataSize.ofMegabytes(5).toBytes());
			assertThat(output).contains(
					"spring.codec.max-in-memory-size is ignored since Spring Boot 4: set spring.http.codecs.max-in-memory-size instead");
		});
	}

	@Test
	void withoutSpringBootsCodecsTheStarterStillAllowsFiveMegabytes() {
		assertThat(maxInMemorySize(HfWebClientCodecs.withoutBoot())).isEqualTo(DataSize.ofMegabytes(5).toBytes());
	}

	private static long maxInMemorySize(HfWebClientCodecs starterCodecs) {
		ClientCodecConfigurer codecs = ClientCodecConfigurer.create();
		starterCodecs.accept(codecs);
		return codecs.getReaders()
			.stream()
			.filter(DecoderHttpMessageReader.class::isInstance)
			.map((reader) -> ((DecoderHttpMessageReader<?>) reader).getDecoder())
			.filter(StringDecoder.class::isInstance)
			.map((decoder) -> ((AbstractDataBufferDecoder<?>) decoder).getMaxInMemorySize())
			.findFirst()
			.orElseThrow();
	}

}
