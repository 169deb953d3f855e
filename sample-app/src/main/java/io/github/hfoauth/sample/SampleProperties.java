package io.github.hfoauth.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sample's own settings ({@code sample.*}).
 *
 * @param organization the organization (handle) whose members may open the organization page,
 * and whose admins may post announcements there; the default is the mock user's
 * @param model the model the "Ask a model" page offers
 */
@ConfigurationProperties("sample")
record SampleProperties(@DefaultValue("mock-org") String organization,
		@DefaultValue("HuggingFaceTB/SmolLM3-3B") String model) {

}
