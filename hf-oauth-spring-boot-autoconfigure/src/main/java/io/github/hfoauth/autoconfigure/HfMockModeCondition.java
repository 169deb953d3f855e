package io.github.hfoauth.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Decides mock mode from the environment alone, before any bean exists, so that the mock and
 * the real client can never both be configured.
 */
class HfMockModeCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnHfMockMode.class.getName());
		boolean wanted = attributes == null || Boolean.TRUE.equals(attributes.get("value"));
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnHfMockMode.class);
		String reason = whyNotMock(context.getEnvironment());
		boolean mock = reason == null;
		String found = mock ? "mock mode (outside a Space, no hf.oauth.client-id)" : reason;
		return new ConditionOutcome(mock == wanted, message.because(found));
	}

	private static @Nullable String whyNotMock(Environment environment) {
		if (SpaceEnvironment.isSpace(environment)) {
			return "running in a Space (SPACE_ID is set)";
		}
		if (StringUtils.hasText(environment.getProperty("hf.oauth.client-id"))) {
			return "hf.oauth.client-id is set";
		}
		if (!environment.getProperty("hf.oauth.mock.enabled", Boolean.class, true)) {
			return "hf.oauth.mock.enabled is false";
		}
		return null;
	}

}
