package io.github.hfoauth.autoconfigure;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import io.github.hfoauth.HfOAuth2User;
import io.github.hfoauth.HfSessionRegistry;
import io.github.hfoauth.HfSessionStoreFailureFilter;
import io.github.hfoauth.session.HfSessionSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.data.redis.RedisSessionRepository;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.session.web.http.SessionRepositoryFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What an application that shares sessions through Spring Session gets from the starter.
 */
@ExtendWith(OutputCaptureExtension.class)
class HfSessionAutoConfigurationTests {

	private static final String SECRET = "the-client-secret";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HfSessionAutoConfiguration.class));

	@Test
	void jsonSessionsReadBackTheStartersUser() {
		this.contextRunner.withPropertyValues("hf.oauth.session.serialization=json", "hf.oauth.client-secret=" + SECRET)
			.run((context) -> {
				RedisSerializer<Object> serializer = serializer(context);
				HfOAuth2User user = HfOAuth2User.builder("ada").build();
				// After the MAC: "S", 22 characters.
				assertThat(new String(serializer.serialize(user)).substring(23))
					.startsWith("{\"@class\":\"io.github.hfoauth.HfOAuth2User\"");
				assertThat(serializer.deserialize(serializer.serialize(user))).isEqualTo(user);
			});
	}

	@Test
	void javaSerializedSessionsAreReadThroughTheAllowListByDefault() {
		this.contextRunner.withPropertyValues("hf.oauth.client-secret=" + SECRET).run((context) -> {
			RedisSerializer<Object> serializer = serializer(context);
			HfOAuth2User user = HfOAuth2User.builder("ada").build();
			assertThat(serializer).isInstanceOf(HfSessionSerializer.class);
			assertThat(serializer.deserialize(serializer.serialize(user))).isEqualTo(user);
			byte[] outside = serializer.serialize(URI.create("https://example.com"));
			assertThatExceptionOfType(SerializationException.class).isThrownBy(() -> serializer.deserialize(outside));
		});
		this.contextRunner
			.withPropertyValues("hf.oauth.client-secret=" + SECRET, "hf.oauth.session.allowed-classes=java.net.URI")
			.run((context) -> {
				RedisSerializer<Object> serializer = serializer(context);
				URI own = URI.create("https://example.com");
				assertThat(serializer.deserialize(serializer.serialize(own))).isEqualTo(own);
			});
	}

	@Test
	void reactiveAppsGetTheSameSerializer() {
		new ReactiveWebApplicationContextRunner().withConfiguration(AutoConfigurations.of(HfSessionAutoConfiguration.class))
			.withPropertyValues("hf.oauth.session.serialization=json", "hf.oauth.client-secret=" + SECRET)
			.run((context) -> assertThat(context.getBean("springSessionDefaultRedisSerializer"))
				.isInstanceOf(HfSessionSerializer.class));
	}

	@Test
	void instancesWithTheSameSecretReadEachOthersSessionsAndOthersDoNot() {
		byte[][] written = new byte[1][];
		HfOAuth2User user = HfOAuth2User.builder("ada").build();
		this.contextRunner.withPropertyValues("hf.oauth.client-secret=" + SECRET)
			.run((context) -> written[0] = serializer(context).serialize(user));
		this.contextRunner.withPropertyValues("hf.oauth.client-secret=" + SECRET)
			.run((context) -> assertThat(serializer(context).deserialize(written[0])).isEqualTo(user));
		this.contextRunner.withPropertyValues("hf.oauth.client-secret=another secret")
			.run((context) -> assertThat(serializer(context).deserialize(written[0])).isNull());
		// A dedicated key wins over the client secret, so that the secret can be rotated.
		String key = "k".repeat(32);
		this.contextRunner.withPropertyValues("hf.oauth.client-secret=" + SECRET, "hf.oauth.session.signing-key=" + key)
			.run((context) -> written[0] = serializer(context).serialize(user));
		this.contextRunner.withPropertyValues("hf.oauth.client-secret=rotated", "hf.oauth.session.signing-key=" + key)
			.run((context) -> assertThat(serializer(context).deserialize(written[0])).isEqualTo(user));
	}

	@Test
	void inASpaceTheKeyComesFromItsClientSecret() {
		byte[][] written = new byte[1][];
		HfOAuth2User user = HfOAuth2User.builder("ada").build();
		this.contextRunner.withPropertyValues("SPACE_ID=ada/demo", "OAUTH_CLIENT_SECRET=" + SECRET)
			.run((context) -> written[0] = serializer(context).serialize(user));
		this.contextRunner.withPropertyValues("hf.oauth.client-secret=" + SECRET)
			.run((context) -> assertThat(serializer(context).deserialize(written[0])).isEqualTo(user));
	}

	@Test
	void withoutAnySecretTheKeyIsThisInstancesAloneAndTheLogSaysWhatToSet(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("springSessionDefaultRedisSerializer");
			assertThat(output).contains("Set hf.oauth.session.signing-key");
		});
	}

	@Test
	void aShortSigningKeyOrAnAllowedClassThatIsNoneFailsAtStartupNamingTheFix() {
		this.contextRunner.withPropertyValues("hf.oauth.session.signing-key=short").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("hf.oauth.session.signing-key is shorter than 32 characters");
		});
		this.contextRunner
			.withPropertyValues("hf.oauth.client-secret=" + SECRET, "hf.oauth.session.allowed-classes=com.example.*;!*")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("hf.oauth.session.allowed-classes holds 'com.example.*;!*'");
			});
	}

	@Test
	void theSigningKeyNeverShowsInTheLog(CapturedOutput output) {
		String key = "a-signing-key-of-at-least-32-characters";
		this.contextRunner.withPropertyValues("hf.oauth.session.signing-key=" + key)
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain(key);
	}

	@SuppressWarnings("unchecked")
	private static RedisSerializer<Object> serializer(org.springframework.context.ApplicationContext context) {
		return context.getBean("springSessionDefaultRedisSerializer", RedisSerializer.class);
	}

	@Test
	void theApplicationsSerializerWins() {
		RedisSerializer<Object> own = new JdkSerializationRedisSerializer();
		this.contextRunner.withPropertyValues("hf.oauth.session.serialization=json")
			.withBean("springSessionDefaultRedisSerializer", RedisSerializer.class, () -> own)
			.run((context) -> assertThat(context.getBean("springSessionDefaultRedisSerializer")).isSameAs(own));
	}

	@Test
	void jsonWithoutJacksonIsAStartupErrorNamingTheDependency() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(tools.jackson.databind.json.JsonMapper.class))
			.withPropertyValues("hf.oauth.session.serialization=json", "hf.oauth.client-secret=" + SECRET)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new HfOAuthFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
					.contains("tools.jackson.core:jackson-databind", "hf.oauth.session.serialization");
			});
	}

	@Test
	void theStoreFailureAnswerSitsInFrontOfSpringSessionsFilter() {
		this.contextRunner
			.withBean(SessionRepositoryFilter.class, () -> new SessionRepositoryFilter<>(new MapSessionRepository(new HashMap<>())))
			.run((context) -> {
				FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
				assertThat(registration.getFilter()).isInstanceOf(HfSessionStoreFailureFilter.class);
				assertThat(registration.getOrder()).isLessThan(SessionRepositoryFilter.DEFAULT_ORDER);
			});
	}

	@Test
	void theApplicationsOwnStoreFailureFilterWins() {
		FilterRegistrationBean<?> own = new FilterRegistrationBean<>();
		this.contextRunner
			.withBean(SessionRepositoryFilter.class, () -> new SessionRepositoryFilter<>(new MapSessionRepository(new HashMap<>())))
			.withBean("hfSessionStoreFailureFilter", FilterRegistrationBean.class, () -> own)
			.run((context) -> assertThat(context.getBean("hfSessionStoreFailureFilter")).isSameAs(own));
	}

	@Test
	void nothingWithoutSpringSession() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(SessionRepositoryFilter.class, RedisSessionRepository.class))
			.withPropertyValues("hf.oauth.session.serialization=json")
			.run((context) -> assertThat(context).doesNotHaveBean("springSessionDefaultRedisSerializer")
				.doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void signOutCountsTheSessionsOfAnIndexedStoreThroughSpringSessionsOwnRegistry() {
		this.contextRunner.withBean(IndexedSessions.class, IndexedSessions::new)
			.run((context) -> assertThat(context.getBean(SessionRegistry.class))
				.isInstanceOf(SpringSessionBackedSessionRegistry.class));
	}

	@Test
	void signOutCountsThisInstancesSessionsConfirmedWithAStoreThatIsNotIndexed() {
		this.contextRunner.withBean(MapSessionRepository.class, () -> new MapSessionRepository(new HashMap<>()))
			.run((context) -> assertThat(context.getBean(SessionRegistry.class)).isInstanceOf(HfSessionRegistry.class));
		this.contextRunner.withBean(IndexedSessions.class, IndexedSessions::new)
			.withBean("ownRegistry", SessionRegistry.class, SessionRegistryImpl::new)
			.run((context) -> assertThat(context.getBean(SessionRegistry.class)).isInstanceOf(SessionRegistryImpl.class));
	}

	// Spring Session's indexed stores, as far as the registry is concerned.
	static class IndexedSessions extends MapSessionRepository implements FindByIndexNameSessionRepository<MapSession> {

		IndexedSessions() {
			super(new HashMap<>());
		}

		@Override
		public Map<String, MapSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			return Map.of();
		}

	}

}
