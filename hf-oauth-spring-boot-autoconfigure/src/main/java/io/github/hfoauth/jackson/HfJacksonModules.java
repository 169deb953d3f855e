package io.github.hfoauth.jackson;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.security.jackson.SecurityJacksonModules;

/**
 * Spring Security's Jackson 3 modules plus {@link HfJacksonModule}, with one type allow-list
 * that accepts both: the starter's counterpart of {@link SecurityJacksonModules}, for a
 * {@code JsonMapper} that writes sessions.
 *
 * <pre class="code">
 * JsonMapper mapper = JsonMapper.builder()
 *     .addModules(HfJacksonModules.getModules(getClass().getClassLoader()))
 *     .build();
 * </pre>
 */
public final class HfJacksonModules {

	private HfJacksonModules() {
	}

	/**
	 * Spring Security's modules found on the class path, and the starter's.
	 * @param loader the class loader to find Spring Security's modules with
	 * @return the modules, the last of which turns on Spring Security's type handling
	 */
	public static List<JacksonModule> getModules(ClassLoader loader) {
		return getModules(loader, null);
	}

	/**
	 * Spring Security's modules found on the class path, and the starter's, accepting also
	 * the application's own types.
	 * @param loader the class loader to find Spring Security's modules with
	 * @param typeValidator the application's additions to the type allow-list, or
	 * {@code null} for none
	 * @return the modules, the last of which turns on Spring Security's type handling
	 */
	public static List<JacksonModule> getModules(ClassLoader loader,
			BasicPolymorphicTypeValidator.@Nullable Builder typeValidator) {
		BasicPolymorphicTypeValidator.Builder allowed = (typeValidator != null) ? typeValidator
				: BasicPolymorphicTypeValidator.builder();
		HfJacksonModule starter = new HfJacksonModule();
		// Spring Security builds its validator from this builder when the mapper is built,
		// so the starter's types must be on it before.
		starter.configurePolymorphicTypeValidator(allowed);
		List<JacksonModule> modules = new ArrayList<>();
		modules.add(starter);
		modules.addAll(SecurityJacksonModules.getModules(loader, allowed));
		return modules;
	}

}
