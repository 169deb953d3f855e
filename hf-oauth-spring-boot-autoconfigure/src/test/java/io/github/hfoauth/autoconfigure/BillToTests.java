package io.github.hfoauth.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.github.hfoauth.api.HfApiClient;
import io.github.hfoauth.api.HfReactiveApiClient;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.times;

/**
 * {@code hf.api.bill-to}: an organization handle, or a startup error naming the fix, on both
 * stacks; checked once.
 */
class BillToTests {

	private final WebApplicationContextRunner servlet = ApiClientContexts.servlet();

	private final ReactiveWebApplicationContextRunner reactive = ApiClientContexts.reactive();

	@Test
	void anOrganizationHandleIsAccepted() {
		this.servlet.withPropertyValues("hf.api.bill-to=open-science.lab")
			.run((context) -> assertThat(context).hasSingleBean(HfApiClient.class));
		this.reactive.withPropertyValues("hf.api.bill-to=acme")
			.run((context) -> assertThat(context).hasSingleBean(HfReactiveApiClient.class));
	}

	@Test
	void theHeadersNameIsWrittenOnce() throws IOException {
		// Both stacks' clients and the auto-configuration's default header share one constant.
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			assertThat(sources.filter((source) -> source.toString().endsWith(".java"))
				.filter((source) -> read(source).contains("\"X-HF-Bill-To\"")))
				.singleElement()
				.satisfies((source) -> assertThat(source).endsWith(Path.of("api", "HfApiProtocol.java")));
		}
	}

	@Test
	void anythingElseFailsAtStartupNamingTheFix() {
		for (String bad : new String[] { "https://huggingface.co/acme", "a--b" }) {
			this.servlet.withPropertyValues("hf.api.bill-to=" + bad)
				.run(ServletTestContexts.failsWith("hf.api.bill-to is '" + bad + "', which is not a Hugging Face organization handle.",
						"Set hf.api.bill-to to the organization's handle as in its address huggingface.co/<handle>"));
		}
		this.reactive.withPropertyValues("hf.api.bill-to=acme/team").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new HfOAuthFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
				.contains("Set hf.api.bill-to to the organization's handle");
		});
	}

	@Test
	void theSettingIsCheckedOnceAtStartup() {
		try (MockedStatic<BillTo> checks = mockStatic(BillTo.class, CALLS_REAL_METHODS)) {
			this.servlet.withPropertyValues("hf.api.bill-to=acme").run((context) -> assertThat(context).hasNotFailed());
			checks.verify(() -> BillTo.of(any()), times(1));
			checks.clearInvocations();
			this.reactive.withPropertyValues("hf.api.bill-to=acme").run((context) -> assertThat(context).hasNotFailed());
			checks.verify(() -> BillTo.of(any()), times(1));
		}
	}

	private static String read(Path source) {
		try {
			return Files.readString(source);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
