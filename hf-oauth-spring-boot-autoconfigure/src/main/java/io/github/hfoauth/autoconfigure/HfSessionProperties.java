package io.github.hfoauth.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sessions in a shared store ({@code hf.oauth.session.*}), for applications that run several
 * instances with Spring Session.
 */
@ConfigurationProperties("hf.oauth.session")
public class HfSessionProperties {

	/**
	 * How Spring Session's Redis store writes sessions: 'jdk' (Spring Session's default, Java
	 * serialization) or 'json' (Spring Security's Jackson support, with the starter's types
	 * registered). An application's own springSessionDefaultRedisSerializer bean wins.
	 */
	private Serialization serialization = Serialization.JDK;

	public Serialization getSerialization() {
		return this.serialization;
	}

	public void setSerialization(Serialization serialization) {
		this.serialization = serialization;
	}

	/**
	 * How sessions are written to the store.
	 */
	public enum Serialization {

		/** Java serialization, Spring Session's default. */
		JDK,

		/** JSON, with Spring Security's Jackson support and the starter's types. */
		JSON

	}

}
