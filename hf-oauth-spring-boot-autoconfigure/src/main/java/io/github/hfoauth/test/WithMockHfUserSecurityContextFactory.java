package io.github.hfoauth.test;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfOAuth2UserBuilder;
import io.github.hfoauth.HfOAuth2UserConverter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.support.WithSecurityContextFactory;

/**
 * Builds the security context of {@link WithMockHfUser}, with the application's converter
 * when the test has an application context that declares one.
 */
final class WithMockHfUserSecurityContextFactory implements WithSecurityContextFactory<WithMockHfUser> {

	private final ObjectProvider<HfOAuth2UserConverter> converter;

	WithMockHfUserSecurityContextFactory(ObjectProvider<HfOAuth2UserConverter> converter) {
		this.converter = converter;
	}

	@Override
	public SecurityContext createSecurityContext(WithMockHfUser annotation) {
		HfOAuth2UserBuilder builder = HfOAuth2User.builder(annotation.username())
			.pro(annotation.pro())
			.scopes(annotation.scopes())
			.authorities(annotation.authorities());
		if (!annotation.name().isEmpty()) {
			builder.name(annotation.name());
		}
		if (!annotation.email().isEmpty()) {
			builder.email(annotation.email());
		}
		if (!annotation.sub().isEmpty()) {
			builder.sub(annotation.sub());
		}
		for (WithMockHfUser.Organization organization : annotation.organizations()) {
			builder.organization(organization.name(), null, organization.role(),
					organization.plan().isEmpty() ? null : organization.plan());
		}
		HfOAuth2User user = builder.build(this.converter.getIfAvailable(HfOAuth2UserConverter::new));
		SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
		context.setAuthentication(HfTestLogin.signedIn(user, annotation.token()));
		return context;
	}

}
