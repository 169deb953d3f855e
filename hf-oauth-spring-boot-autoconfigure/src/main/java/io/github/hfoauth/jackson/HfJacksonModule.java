package io.github.hfoauth.jackson;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.session.HfSessionAuthorizedClientRepository;
import tools.jackson.core.Version;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.security.jackson.SecurityJacksonModule;

/**
 * Spring Security's JSON support for what the starter keeps in a session: the
 * {@link HfOAuth2User} principal (inside Spring Security's {@code OAuth2AuthenticationToken})
 * and the user's tokens ({@link HfSessionAuthorizedClientRepository}). Everything else a
 * Hugging Face sign-in stores (the pending authorization request, the CSRF token) is Spring
 * Security's own and handled by its modules.
 * <p>
 * Spring Security's {@code SecurityJacksonModules} only finds its own modules, so register
 * this one with {@link HfJacksonModules#getModules(ClassLoader)}, which returns Spring
 * Security's modules and this one, with the type allow-list that accepts the starter's types.
 * With Spring Session and Redis, {@code hf.oauth.session.serialization=json} does that for
 * the session store.
 */
public final class HfJacksonModule extends SecurityJacksonModule {

	/**
	 * Creates the module.
	 */
	public HfJacksonModule() {
		super(HfJacksonModule.class.getName(), new Version(1, 0, 0, null, null, null));
	}

	/**
	 * Allows the starter's session types in a JSON session.
	 * @param builder the allow-list of Spring Security's polymorphic type validator
	 */
	@Override
	public void configurePolymorphicTypeValidator(BasicPolymorphicTypeValidator.Builder builder) {
		builder.allowIfSubType(HfOAuth2User.class)
			.allowIfSubType(HfSessionAuthorizedClientRepository.class.getName() + "$Tokens")
			// A sign-in as the starter's session serializer stores it (HfSessionSerializer).
			.allowIfSubType("io.github.hfoauth.session.StoredSignIn")
			// What List.of, Set.of and Map.of return, in claims of the mock user, of users
			// built for tests, and of any application that builds claims with them.
			.allowIfSubType("java.util.ImmutableCollections$List12")
			.allowIfSubType("java.util.ImmutableCollections$ListN")
			.allowIfSubType("java.util.ImmutableCollections$Set12")
			.allowIfSubType("java.util.ImmutableCollections$SetN")
			.allowIfSubType("java.util.ImmutableCollections$Map1")
			.allowIfSubType("java.util.ImmutableCollections$MapN");
	}

	@Override
	public void setupModule(SetupContext context) {
		context.setMixIn(HfOAuth2User.class, HfOAuth2UserMixin.class);
	}

}
