package io.github.hfoauth.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code huggingface} health indicator ({@code hf.oauth.health.*}), present with
 * Spring Boot's Actuator when the app signs in with Hugging Face (not in mock mode).
 */
@ConfigurationProperties("hf.oauth.health")
public class HfHealthProperties {

	/**
	 * Whether the indicator reports DOWN, and so takes the application's overall health DOWN,
	 * when Hugging Face's discovery document cannot be read. By default it reports
	 * UNREACHABLE, which the overall status ignores: an outage at Hugging Face must not get
	 * every instance restarted.
	 */
	private boolean downWhenUnreachable;

	public boolean isDownWhenUnreachable() {
		return this.downWhenUnreachable;
	}

	public void setDownWhenUnreachable(boolean downWhenUnreachable) {
		this.downWhenUnreachable = downWhenUnreachable;
	}

}
