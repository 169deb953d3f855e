package io.github.hfoauth.sample;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a visitor sees when signing out, the same for the servlet sample and its WebFlux twin.
 */
public final class SignOutScenarios {

	private SignOutScenarios() {
	}

	/**
	 * Two cookie jars of one visitor (the Space page's frame and a tab of the app), each signed
	 * in, and a third person beside them: the frame's sign-out says the tab is still signed in,
	 * the tab's says nothing of the third person, who stays signed in.
	 * @param frame the visitor's frame, signed in
	 * @param tab the visitor's tab, signed in as the same user
	 * @param stranger another user, signed in
	 * @param stillSignedIn what the app's page says after the frame's sign-out
	 */
	public static void assertSignOutSaysWhetherAnotherTabIsStillSignedIn(Browser frame, Browser tab, Browser stranger,
			String stillSignedIn) {
		HttpResponse<String> frameOut = frame.signOut();
		assertThat(Browser.location(frameOut)).isEqualTo(frame.url("/?signed-in-elsewhere"));
		assertThat(Browser.page(frame.follow(frameOut)).body().text()).contains(stillSignedIn);
		assertThat(frame.getJson("/api/me").statusCode()).as("the frame, signed out").isEqualTo(401);
		assertThat(tab.getJson("/api/me").statusCode()).as("the tab, untouched").isEqualTo(200);

		HttpResponse<String> tabOut = tab.signOut();
		assertThat(Browser.location(tabOut)).as("the other person's session is not this user's")
			.isEqualTo(tab.url("/"));
		assertThat(Browser.page(tab.follow(tabOut)).body().text()).doesNotContain("still signed in");
		assertThat(stranger.getJson("/api/me").statusCode()).isEqualTo(200);
	}

}
