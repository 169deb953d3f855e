package io.github.hfoauth;

/**
 * What a sign-out tells the visitor, on both web stacks: whether another session of theirs on
 * this instance (another tab, or the Space page's frame, each its own cookie jar) is still
 * signed in. Only the visitor who signs out learns it, and only about their own sessions.
 */
final class HfSignOut {

	/** The query parameter added to the page after sign-out when another session is still signed in. */
	static final String SIGNED_IN_ELSEWHERE = "signed-in-elsewhere";

	private HfSignOut() {
	}

	/**
	 * The page to land on after sign-out.
	 * @param logoutSuccessUrl the configured page, a same-origin path
	 * @param signedInElsewhere whether another session of the same user is still signed in
	 * @return the page, marked when the visitor is still signed in elsewhere
	 */
	static String target(String logoutSuccessUrl, boolean signedInElsewhere) {
		if (!signedInElsewhere) {
			return logoutSuccessUrl;
		}
		return logoutSuccessUrl + (logoutSuccessUrl.contains("?") ? "&" : "?") + SIGNED_IN_ELSEWHERE;
	}

}
