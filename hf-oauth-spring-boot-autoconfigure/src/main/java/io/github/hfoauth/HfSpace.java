package io.github.hfoauth;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The Hugging Face Space the application runs in. The auto-configuration registers it as a
 * bean when {@code SPACE_ID} is set; inject {@code ObjectProvider<HfSpace>} to ask "am I in a
 * Space?" (for instance to open the sign-in in a new tab there).
 * <p>
 * The Space page on huggingface.co shows the app in an iframe, so {@link HfOAuth2LoginConfigurer}
 * uses it to allow that framing, to hand sign-ins from a custom domain back to it, and to send
 * users whose browser drops the iframe's cookies to the top-level {@linkplain #getUrl() Space URL}.
 */
public final class HfSpace {

	private final String id;

	private final @Nullable String host;

	private final List<String> frameAncestors;

	private final List<String> hosts;

	/**
	 * Describes a Space.
	 * @param id the Space's {@code owner/name} ({@code SPACE_ID})
	 * @param host the Space's {@code hf.space} host (the first entry of {@code SPACE_HOST}),
	 * or {@code null} if unknown
	 * @param frameAncestors the origins that may frame the app; empty to forbid framing
	 */
	public HfSpace(String id, @Nullable String host, List<String> frameAncestors) {
		this(id, host, frameAncestors, (host != null) ? List.of(host) : List.of());
	}

	/**
	 * Describes a Space with a custom domain.
	 * @param id the Space's {@code owner/name} ({@code SPACE_ID})
	 * @param host the Space's {@code hf.space} host (the first entry of {@code SPACE_HOST}),
	 * or {@code null} if unknown
	 * @param frameAncestors the origins that may frame the app; empty to forbid framing
	 * @param hosts every host the Space answers on ({@code SPACE_HOST}), the {@code hf.space}
	 * host first
	 */
	public HfSpace(String id, @Nullable String host, List<String> frameAncestors, List<String> hosts) {
		Assert.hasText(id, "id must not be empty");
		this.id = id;
		this.host = host;
		this.frameAncestors = List.copyOf(frameAncestors);
		this.hosts = List.copyOf(hosts);
	}

	/**
	 * The Space's id.
	 * @return {@code owner/name}
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * The Space's own host, such as {@code owner-name.hf.space}.
	 * @return the host, or {@code null} if {@code SPACE_HOST} was not set
	 */
	public @Nullable String getHost() {
		return this.host;
	}

	/**
	 * Every host the Space answers on: the {@code hf.space} host, then its custom domains. A
	 * sign-in started on a custom domain comes back to the {@code hf.space} host (the redirect
	 * URI Hugging Face accepts), which hands it back to the custom domain.
	 * @return the hosts of {@code SPACE_HOST}, in its order
	 */
	public List<String> getHosts() {
		return this.hosts;
	}

	/**
	 * Where the app runs outside the Space page's iframe.
	 * @return {@code https://{host}/}, or {@code null} if the host is unknown
	 */
	public @Nullable String getUrl() {
		return (this.host != null) ? "https://" + this.host + "/" : null;
	}

	/**
	 * The origins allowed to show the app in a frame ({@code Content-Security-Policy:
	 * frame-ancestors}); by default huggingface.co and the Space itself.
	 * @return the origins; empty when framing is forbidden
	 */
	public List<String> getFrameAncestors() {
		return this.frameAncestors;
	}

	@Override
	public String toString() {
		return "HfSpace[" + this.id + ", " + this.host + "]";
	}

}
