package io.github.hfoauth.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches inside a Hugging Face Space: {@code SPACE_ID} is set and not blank, the same test
 * huggingface_hub makes and the Space environment reader uses.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnHfSpace.InSpaceCondition.class)
@interface ConditionalOnHfSpace {

	class InSpaceCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return SpaceEnvironment.isSpace(context.getEnvironment()) ? ConditionOutcome.match("SPACE_ID is set")
					: ConditionOutcome.noMatch("SPACE_ID is not set");
		}

	}

}
