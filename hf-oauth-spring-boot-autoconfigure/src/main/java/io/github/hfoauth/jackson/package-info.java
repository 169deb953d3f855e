/**
 * The JSON form of stored sessions: Spring Security's Jackson 3 support extended with the
 * starter's session types, under one type allow-list.
 * <p>
 * Code map:
 * <ul>
 * <li>{@link HfJacksonModules}: Spring Security's modules plus {@link HfJacksonModule}, the
 * starter's counterpart of {@code SecurityJacksonModules}.</li>
 * <li>{@code HfOAuth2UserMixin}: the principal as JSON, only what it is built from, kept small
 * by {@code AuthorityNames} and {@code IdTokenJwt}.</li>
 * </ul>
 */
@NullMarked
package io.github.hfoauth.jackson;

import org.jspecify.annotations.NullMarked;
