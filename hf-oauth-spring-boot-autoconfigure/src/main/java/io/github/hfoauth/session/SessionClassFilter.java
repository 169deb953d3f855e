package io.github.hfoauth.session;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The classes a Java-serialized session may hold: the JDK's values and collections, Spring
 * Security's and Spring Session's types, the starter's, and the application's own
 * ({@code hf.oauth.session.allowed-classes}); any other class in a stored session is refused
 * before it is created. So a gadget class on the class path cannot be instantiated from the
 * store, even with the key that seals its values.
 */
final class SessionClassFilter {

	// ObjectInputFilter patterns: "pkg.*" is the package, "pkg.**" with its subpackages. The
	// starter's two packages only, not an application that lives below them.
	static final List<String> BUILT_IN = List.of("java.lang.*", "java.util.*", "java.time.*",
			"org.springframework.security.**", "org.springframework.session.**", "io.github.hfoauth.*",
			"io.github.hfoauth.session.*");

	// A class name or package pattern: no limits, no negation, no list separator.
	private static final Pattern CLASS_PATTERN = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*(\\.\\*\\*?|\\*)?");

	// Deep enough for any session the starter writes (a user is about ten levels deep).
	private static final String LIMITS = "maxdepth=64";

	private final String patterns;

	SessionClassFilter(Collection<String> applicationClasses) {
		List<String> all = new ArrayList<>(BUILT_IN);
		all.addAll(applicationClasses);
		this.patterns = LIMITS + ";" + String.join(";", all) + ";!*";
	}

	/**
	 * Whether a pattern can be given to {@code hf.oauth.session.allowed-classes}.
	 * @param pattern a class name, {@code com.example.*} or {@code com.example.**}
	 * @return {@code true} if the pattern is a class name or package pattern
	 */
	static boolean isClassPattern(String pattern) {
		return CLASS_PATTERN.matcher(pattern).matches();
	}

	/**
	 * A filter for one stream, which remembers the class it refused.
	 * @return the filter
	 */
	Refusals newFilter() {
		return new Refusals(ObjectInputFilter.Config.createFilter(this.patterns));
	}

	static final class Refusals implements ObjectInputFilter {

		private final ObjectInputFilter patterns;

		private @Nullable String refused;

		Refusals(ObjectInputFilter patterns) {
			this.patterns = patterns;
		}

		@Override
		public Status checkInput(FilterInfo info) {
			Status status = this.patterns.checkInput(info);
			if (status == Status.REJECTED && this.refused == null) {
				Class<?> type = info.serialClass();
				this.refused = (type != null) ? type.getName() : "(a limit: depth " + info.depth() + ")";
			}
			return status;
		}

		@Nullable String refused() {
			return this.refused;
		}

	}

}
