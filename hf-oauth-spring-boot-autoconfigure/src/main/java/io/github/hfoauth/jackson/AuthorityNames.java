package io.github.hfoauth.jackson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import tools.jackson.databind.util.StdConverter;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A user's authorities in JSON: plain ones by name, which a JSON session otherwise writes as
 * an object with a class name each (a user in 200 organizations has some 800 of them); any
 * other authority as Spring Security's modules write it.
 * @param names the names of the plain authorities
 * @param others the other authorities
 */
record AuthorityNames(String[] names, List<GrantedAuthority> others) {

	static final class Write extends StdConverter<Collection<? extends GrantedAuthority>, AuthorityNames> {

		@Override
		public AuthorityNames convert(Collection<? extends GrantedAuthority> authorities) {
			List<String> names = new ArrayList<>(authorities.size());
			List<GrantedAuthority> others = new ArrayList<>();
			for (GrantedAuthority authority : authorities) {
				if (authority instanceof SimpleGrantedAuthority) {
					names.add(authority.getAuthority());
				}
				else {
					others.add(authority);
				}
			}
			return new AuthorityNames(names.toArray(String[]::new), others);
		}

	}

	static final class Read extends StdConverter<AuthorityNames, Collection<GrantedAuthority>> {

		@Override
		public Collection<GrantedAuthority> convert(AuthorityNames authorities) {
			List<GrantedAuthority> all = new ArrayList<>(authorities.names().length + authorities.others().size());
			for (String name : authorities.names()) {
				all.add(new SimpleGrantedAuthority(name));
			}
			all.addAll(authorities.others());
			return all;
		}

	}

}
