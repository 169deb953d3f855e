package io.github.hfoauth;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.hfoauth.jackson.HfJacksonModule;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JacksonModule.SetupContext;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link HfRuntimeHints}: Spring AOT finds them, and they cover every class of the
 * starter that a session stores, and what Jackson reads by reflection.
 */
class HfRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	HfRuntimeHintsTests() {
		AotServices.factories().load(RuntimeHintsRegistrar.class).forEach((registrar) -> registrar.registerHints(this.hints,
				getClass().getClassLoader()));
	}

	@Test
	void springAotFindsTheHints() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.anySatisfy((registrar) -> assertThat(registrar).isInstanceOf(HfRuntimeHints.class));
	}

	@Test
	void everySerializableClassOfTheStarterCanBeSerialized() {
		var classes = starterClasses();
		// Serializable on purpose (a serialVersionUID), not by inheritance from Spring's
		// infrastructure; the test support package runs in tests, never in an image.
		var serializable = classes.stream()
			.filter((type) -> type.isAssignableTo(Serializable.class) && !type.isEnum()
					&& type.tryGetField("serialVersionUID").isPresent()
					&& !type.getPackageName().equals("io.github.hfoauth.test"))
			.map(JavaClass::getName)
			.toList();
		assertThat(serializable).contains("io.github.hfoauth.HfOAuth2User", "io.github.hfoauth.HfOrganization",
				"io.github.hfoauth.session.StoredSignIn");
		for (String type : serializable) {
			assertThat(RuntimeHintsPredicates.serialization().onType(TypeReference.of(type))).as(type)
				.accepts(this.hints);
		}
	}

	@Test
	void whatTheSessionHoldsCanBeSerialized() {
		for (Class<?> type : new Class<?>[] { HfOAuth2User.class, HfOrganization.class,
				org.springframework.security.oauth2.core.oidc.OidcIdToken.class,
				org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken.class }) {
			assertThat(RuntimeHintsPredicates.serialization().onType(type)).as(type.getName()).accepts(this.hints);
		}
	}

	// Found in the compiled classes, not taken from the hints' own list: a new mix-in or stored
	// form without a hint fails here.
	@Test
	void jacksonMayReadTheMixinsAndCreateTheStoredForms() {
		SetupContext setup = mock(SetupContext.class);
		new HfJacksonModule().setupModule(setup);
		ArgumentCaptor<Class<?>> targets = ArgumentCaptor.forClass(Class.class);
		ArgumentCaptor<Class<?>> mixins = ArgumentCaptor.forClass(Class.class);
		verify(setup, atLeastOnce()).setMixIn(targets.capture(), mixins.capture());
		List<String> reflected = new ArrayList<>();
		targets.getAllValues().forEach((type) -> reflected.add(type.getName()));
		mixins.getAllValues().forEach((type) -> reflected.add(type.getName()));
		starterClasses().stream()
			.filter((type) -> hasJacksonAnnotation(type) && !type.getPackageName().equals("io.github.hfoauth.test"))
			.forEach((type) -> reflected.add(type.getName()));
		assertThat(reflected).contains("io.github.hfoauth.jackson.HfOAuth2UserMixin",
				"io.github.hfoauth.session.StoredSignIn");
		for (String type : reflected) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(TypeReference.of(type))
				.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.ACCESS_DECLARED_FIELDS))
				.as(type)
				.accepts(this.hints);
		}
	}

	private static JavaClasses starterClasses() {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importUrl(HfOAuth2User.class.getProtectionDomain().getCodeSource().getLocation());
	}

	private static boolean hasJacksonAnnotation(JavaClass type) {
		return Stream.concat(type.getAnnotations().stream(),
				type.getMembers().stream().flatMap((member) -> member.getAnnotations().stream()))
			.anyMatch((annotation) -> annotation.getRawType().getPackageName().startsWith("com.fasterxml.jackson")
					|| annotation.getRawType().getPackageName().startsWith("tools.jackson"));
	}

	@Test
	void theServletConfigurerMayReadTheSignInFiltersSuccessHandler() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(AbstractAuthenticationProcessingFilter.class, "getSuccessHandler")).accepts(this.hints);
	}

	@Test
	void everyTypeNamedInTheHintsExists() {
		for (String type : HfRuntimeHints.SERIALIZED) {
			assertThat(ClassUtils.isPresent(type, getClass().getClassLoader())).as(type).isTrue();
		}
		for (String type : HfRuntimeHints.JSON_REFLECTED) {
			assertThat(ClassUtils.isPresent(type, getClass().getClassLoader())).as(type).isTrue();
		}
	}

}
