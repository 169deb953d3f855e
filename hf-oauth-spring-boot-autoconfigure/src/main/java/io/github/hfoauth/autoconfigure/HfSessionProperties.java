package io.github.hfoauth.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sessions in a shared store ({@code hf.oauth.session.*}), for applications that run several
 * instances with Spring Session.
 */
@ConfigurationProperties("hf.oauth.session")
public class HfSessionProperties {

	/**
	 * How Spring Session's Redis store writes sessions, on both web stacks: 'jdk' (Java
	 * serialization, read through an allow-list of classes) or 'json' (Spring Security's
	 * Jackson support, with the starter's types registered). Either way every value carries a
	 * MAC. An application's own springSessionDefaultRedisSerializer bean wins, and takes over
	 * both checks.
	 */
	private Serialization serialization = Serialization.JDK;

	/**
	 * The key of the MAC that every value of a session in Spring Session's Redis store carries
	 * (a value that fails it is ignored: its user is signed out). At least 32 characters, the
	 * same on every instance. By default it is derived from the client secret; set it to keep
	 * sessions across a rotation of the client secret, or for a public client or mock mode with
	 * several instances. Changing it signs every user out.
	 */
	private @Nullable String signingKey;

	/**
	 * The application's own classes that Java-serialized sessions may hold besides the JDK's
	 * values and collections, Spring Security's, Spring Session's and the starter's: class
	 * names, or packages as 'com.example.cart.*' ('com.example.**' with subpackages). A session
	 * that holds any other class is refused and forgotten.
	 */
	private List<String> allowedClasses = new ArrayList<>();

	public Serialization getSerialization() {
		return this.serialization;
	}

	public void setSerialization(Serialization serialization) {
		this.serialization = serialization;
	}

	public @Nullable String getSigningKey() {
		return this.signingKey;
	}

	public void setSigningKey(@Nullable String signingKey) {
		this.signingKey = signingKey;
	}

	public List<String> getAllowedClasses() {
		return this.allowedClasses;
	}

	public void setAllowedClasses(List<String> allowedClasses) {
		this.allowedClasses = allowedClasses;
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
