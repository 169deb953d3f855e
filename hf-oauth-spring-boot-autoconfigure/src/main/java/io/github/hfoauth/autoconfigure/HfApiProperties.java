package io.github.hfoauth.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Calling Hugging Face as the signed-in user ({@code hf.api.*}), with {@code HfApiClient} or
 * {@code HfReactiveApiClient}.
 */
@ConfigurationProperties("hf.api")
public class HfApiProperties {

	/**
	 * Base URL of the Hugging Face Hub API.
	 */
	private String hubUrl = "https://huggingface.co";

	/**
	 * Base URL of Inference Providers' OpenAI-compatible API (chat completions).
	 */
	private String inferenceUrl = "https://router.huggingface.co/v1";

	/**
	 * Connect timeout of calls to the Hub and Inference Providers.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Read timeout of calls to the Hub and Inference Providers; a model can take a while to
	 * answer. Also the longest pause within a streamed answer.
	 */
	private Duration readTimeout = Duration.ofSeconds(60);

	/**
	 * Organization billed for inference calls (sent as X-HF-Bill-To), by its handle, such as
	 * 'acme'; the user must be allowed to use its billing. Unset: the user's own account.
	 */
	private @Nullable String billTo;

	public String getHubUrl() {
		return this.hubUrl;
	}

	public void setHubUrl(String hubUrl) {
		this.hubUrl = hubUrl;
	}

	public String getInferenceUrl() {
		return this.inferenceUrl;
	}

	public void setInferenceUrl(String inferenceUrl) {
		this.inferenceUrl = inferenceUrl;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable String getBillTo() {
		return this.billTo;
	}

	public void setBillTo(@Nullable String billTo) {
		this.billTo = billTo;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

}
