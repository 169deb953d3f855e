package io.github.hfoauth.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Who the Hub says the token belongs to ({@code GET /api/whoami-v2}).
 *
 * @param id the user's id (the {@code sub} of sign-in)
 * @param name the handle
 * @param fullName the display name
 * @param email the email address, if the token may read it
 * @param pro whether the user is a Pro subscriber
 * @param avatarUrl the avatar
 * @param organizations the handles of the user's organizations
 */
public record HfWhoAmI(@Nullable String id, @Nullable String name, @Nullable String fullName, @Nullable String email,
		boolean pro, @Nullable String avatarUrl, List<String> organizations) {

}
