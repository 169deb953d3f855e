package io.github.hfoauth.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when the mock user signs in: outside a Space ({@code SPACE_ID} unset), with no
 * {@code hf.oauth.client-id}, and {@code hf.oauth.mock.enabled} not {@code false}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(HfMockModeCondition.class)
@interface ConditionalOnHfMockMode {

	/**
	 * Whether to match in mock mode ({@code true}) or outside it ({@code false}).
	 * @return whether mock mode is wanted
	 */
	boolean value() default true;

}
