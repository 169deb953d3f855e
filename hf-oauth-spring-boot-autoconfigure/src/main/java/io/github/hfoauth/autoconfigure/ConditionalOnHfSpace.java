package io.github.hfoauth.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches inside a Hugging Face Space: {@code SPACE_ID} is set and not blank, the same test
 * huggingface_hub makes and the Space environment reader uses.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(HfSpaceCondition.class)
@interface ConditionalOnHfSpace {

}
