package io.github.hfoauth.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Decides from the environment alone whether the app runs in a Space, before any bean exists,
 * as {@link HfMockModeCondition} decides mock mode.
 */
class HfSpaceCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnHfSpace.class);
		boolean space = SpaceEnvironment.isSpace(context.getEnvironment());
		return new ConditionOutcome(space, message.because(space ? "SPACE_ID is set" : "SPACE_ID is not set"));
	}

}
