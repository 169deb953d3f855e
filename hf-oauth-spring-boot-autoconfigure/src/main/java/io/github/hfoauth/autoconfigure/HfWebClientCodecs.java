package io.github.hfoauth.autoconfigure;

import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * How the starter's {@code WebClient}s read answers: with Spring Boot's codec settings
 * ({@code spring.http.codecs.*}, through its {@link CodecCustomizer}s), over a limit of
 * {@link #DEFAULT_MAX_IN_MEMORY_SIZE} for when {@code spring.http.codecs.max-in-memory-size} is
 * not set. Spring's own 256 KB is less than the userinfo of a user in 1,000 organizations.
 */
final class HfWebClientCodecs implements Consumer<ClientCodecConfigurer> {

	/** The most an answer may hold unless {@value #PROPERTY} says otherwise. */
	static final DataSize DEFAULT_MAX_IN_MEMORY_SIZE = DataSize.ofMegabytes(5);

	static final String PROPERTY = "spring.http.codecs.max-in-memory-size";

	private static final String BOOT_3_PROPERTY = "spring.codec.max-in-memory-size";

	private static final Log logger = LogFactory.getLog(HfWebClientCodecs.class);

	// By name: a class literal would load the class whose presence this asks about.
	private static final boolean BOOT_CODECS_PRESENT = ClassUtils
		.isPresent("org.springframework.boot.http.codec.CodecCustomizer", HfWebClientCodecs.class.getClassLoader());

	private final List<? extends Consumer<ClientCodecConfigurer>> bootCustomizers;

	private HfWebClientCodecs(List<? extends Consumer<ClientCodecConfigurer>> bootCustomizers) {
		this.bootCustomizers = bootCustomizers;
	}

	/** Spring's codecs with the starter's limit only: for tests and apps without Boot's codecs. */
	static HfWebClientCodecs withoutBoot() {
		return new HfWebClientCodecs(List.of());
	}

	static HfWebClientCodecs from(BeanFactory beans, Environment environment) {
		// Spring Boot 4 no longer reads Spring Boot 3's name, and says nothing about it.
		if (environment.containsProperty(BOOT_3_PROPERTY) && !environment.containsProperty(PROPERTY)) {
			logger.warn(BOOT_3_PROPERTY + " is ignored since Spring Boot 4: set " + PROPERTY
					+ " instead (the limit on answers read into memory, Hugging Face's included)");
		}
		return BOOT_CODECS_PRESENT ? BootCodecs.from(beans) : withoutBoot();
	}

	@Override
	public void accept(ClientCodecConfigurer codecs) {
		codecs.defaultCodecs().maxInMemorySize((int) DEFAULT_MAX_IN_MEMORY_SIZE.toBytes());
		// Boot's customizers set the limit only when the property is set, so they come after.
		this.bootCustomizers.forEach((customizer) -> customizer.accept(codecs));
		// Token requests carry the client secret and refresh token in their form: never logged,
		// whatever spring.http.codecs.log-request-details says.
		codecs.defaultCodecs().enableLoggingRequestDetails(false);
	}

	// Apart, so that CodecCustomizer is only loaded when Boot's codec module is there.
	private static final class BootCodecs {

		static HfWebClientCodecs from(BeanFactory beans) {
			List<Consumer<ClientCodecConfigurer>> customizers = beans.getBeanProvider(CodecCustomizer.class)
				.orderedStream()
				.<Consumer<ClientCodecConfigurer>>map((customizer) -> customizer::customize)
				.toList();
			return new HfWebClientCodecs(customizers);
		}

	}

}
