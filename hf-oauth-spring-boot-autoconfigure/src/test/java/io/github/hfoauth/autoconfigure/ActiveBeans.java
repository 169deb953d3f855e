package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.HfMockLogin;
import io.github.hfoauth.HfSpace;

import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mock user and the Space are decided when the application starts (not by conditions,
 * which Spring AOT freezes): their beans are always registered, and null beans when not
 * chosen. These assertions ask what an application sees through {@code ObjectProvider}.
 */
final class ActiveBeans {

	private ActiveBeans() {
	}

	static void inMockMode(ApplicationContext context) {
		assertThat(context.getBeanProvider(HfMockLogin.class).getIfAvailable()).as("the mock sign-in").isNotNull();
	}

	static void notInMockMode(ApplicationContext context) {
		assertThat(context.getBeanProvider(HfMockLogin.class).getIfAvailable()).as("the mock sign-in").isNull();
	}

	static void noSpace(ApplicationContext context) {
		assertThat(context.getBeanProvider(HfSpace.class).getIfAvailable()).as("the Space").isNull();
	}

}
