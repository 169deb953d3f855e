package io.github.hfoauth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of Sign in with Hugging Face ({@code hf.oauth.*}). Inside a Space with
 * {@code hf_oauth: true} nothing needs to be set: the Space's environment supplies the
 * client. A property that is set wins over the Space's environment.
 */
@ConfigurationProperties("hf.oauth")
public class HfOAuthProperties {

	/**
	 * OAuth client id of the Hugging Face app (huggingface.co/settings/connected-applications).
	 * Defaults to OAUTH_CLIENT_ID inside a Space.
	 */
	private @Nullable String clientId;

	/**
	 * OAuth client secret. Leave unset for a public client, which signs in with PKCE alone.
	 * Defaults to OAUTH_CLIENT_SECRET inside a Space.
	 */
	private @Nullable String clientSecret;

	/**
	 * Scopes to request, comma- or space-separated. Defaults to OAUTH_SCOPES inside a Space,
	 * otherwise "openid profile".
	 */
	private @Nullable List<String> scopes;

	/**
	 * Base URL of the OpenID provider; its discovery document is read from
	 * "{provider-url}/.well-known/openid-configuration" at the first sign-in. Defaults to
	 * OPENID_PROVIDER_URL inside a Space, otherwise https://huggingface.co.
	 */
	private @Nullable String providerUrl;

	/**
	 * Redirect URI registered with the Hugging Face app. Defaults to
	 * "https://{first SPACE_HOST}/login/oauth2/code/huggingface" inside a Space, otherwise
	 * "{baseUrl}/login/oauth2/code/{registrationId}".
	 */
	private @Nullable String redirectUri;

	/**
	 * Connect timeout of every call to Hugging Face: discovery, token, userinfo, JWKS.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Read timeout of every call to Hugging Face: discovery, token, userinfo, JWKS.
	 */
	private Duration readTimeout = Duration.ofSeconds(5);

	/**
	 * Organizations (handles or subs) one of which a user must belong to in order to sign in.
	 * Empty lets every Hugging Face user in. Needs the read-memberships scope.
	 */
	private List<String> allowedOrganizations = new ArrayList<>();

	/**
	 * The least role a user must hold in one of the allowed organizations: admin, write,
	 * contributor or read. Unset, any membership will do.
	 */
	private @Nullable String allowedRole;

	/**
	 * Organization subs (24 hex characters) sent as Hugging Face's orgIds authorization
	 * parameter, so that the consent screen asks the user to grant the app access to them.
	 */
	private List<String> orgIds = new ArrayList<>();

	private final Mock mock = new Mock();

	private final Space space = new Space();

	private final TokenExpiry tokenExpiry = new TokenExpiry();

	private final Bearer bearer = new Bearer();

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public @Nullable List<String> getScopes() {
		return this.scopes;
	}

	public void setScopes(@Nullable List<String> scopes) {
		this.scopes = scopes;
	}

	public @Nullable String getProviderUrl() {
		return this.providerUrl;
	}

	public void setProviderUrl(@Nullable String providerUrl) {
		this.providerUrl = providerUrl;
	}

	public @Nullable String getRedirectUri() {
		return this.redirectUri;
	}

	public void setRedirectUri(@Nullable String redirectUri) {
		this.redirectUri = redirectUri;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public List<String> getAllowedOrganizations() {
		return this.allowedOrganizations;
	}

	public void setAllowedOrganizations(List<String> allowedOrganizations) {
		this.allowedOrganizations = allowedOrganizations;
	}

	public @Nullable String getAllowedRole() {
		return this.allowedRole;
	}

	public void setAllowedRole(@Nullable String allowedRole) {
		this.allowedRole = allowedRole;
	}

	public List<String> getOrgIds() {
		return this.orgIds;
	}

	public void setOrgIds(List<String> orgIds) {
		this.orgIds = orgIds;
	}

	public Mock getMock() {
		return this.mock;
	}

	public Space getSpace() {
		return this.space;
	}

	public TokenExpiry getTokenExpiry() {
		return this.tokenExpiry;
	}

	public Bearer getBearer() {
		return this.bearer;
	}

	/**
	 * Hugging Face tokens on the app's own API: scripts and notebooks send
	 * "Authorization: Bearer hf_..." instead of signing in.
	 */
	public static class Bearer {

		/**
		 * Whether a request on the bearer paths may authenticate with a Hugging Face token
		 * (Authorization: Bearer hf_...), which the Hub's /api/whoami-v2 at hf.api.hub-url
		 * then says the owner of. No session is created for such a request.
		 */
		private boolean enabled;

		/**
		 * Path patterns on which a bearer token authenticates the request; elsewhere the
		 * Authorization header is ignored.
		 */
		private List<String> paths = new ArrayList<>(List.of("/api/**"));

		/**
		 * How long the Hub's answer about a token is remembered (keyed by a hash of the
		 * token). A revoked token, or a user who left an organization, is noticed after at
		 * most this long.
		 */
		private Duration cacheTtl = Duration.ofMinutes(5);

		/**
		 * How many users' tokens are remembered at most; the one used longest ago is forgotten
		 * first. Refused tokens are remembered apart, a tenth as many.
		 */
		private int cacheSize = 10000;

		/**
		 * Whether OAuth access tokens (hf_oauth_...) of any app count too, not only user access
		 * tokens. A site that signed the user in with Hugging Face holds such a token, and could
		 * then call this app's API as the user: turn on only if that is meant.
		 */
		private boolean acceptOauthTokens;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		public int getCacheSize() {
			return this.cacheSize;
		}

		public void setCacheSize(int cacheSize) {
			this.cacheSize = cacheSize;
		}

		public boolean isAcceptOauthTokens() {
			return this.acceptOauthTokens;
		}

		public void setAcceptOauthTokens(boolean acceptOauthTokens) {
			this.acceptOauthTokens = acceptOauthTokens;
		}

	}

	/**
	 * How the app behaves inside a Space, whose page on huggingface.co shows it in an iframe.
	 */
	public static class Space {

		/**
		 * Origins allowed to show the app in a frame (Content-Security-Policy
		 * frame-ancestors), besides the Space itself. Empty keeps Spring Security's
		 * X-Frame-Options DENY, and the app cannot be used from the Space page.
		 */
		private List<String> frameAncestors = new ArrayList<>(List.of("https://huggingface.co"));

		/**
		 * Whether the session cookie is Partitioned (CHIPS), so that browsers that partition
		 * third-party cookies keep it inside the Space page's iframe. It is always Secure and
		 * SameSite=None in a Space unless server.servlet.session.cookie.* says otherwise.
		 */
		private boolean partitionedCookie = true;

		public List<String> getFrameAncestors() {
			return this.frameAncestors;
		}

		public void setFrameAncestors(List<String> frameAncestors) {
			this.frameAncestors = frameAncestors;
		}

		public boolean isPartitionedCookie() {
			return this.partitionedCookie;
		}

		public void setPartitionedCookie(boolean partitionedCookie) {
			this.partitionedCookie = partitionedCookie;
		}

	}

	/**
	 * What happens to a signed-in session when the user's Hugging Face access token expires.
	 */
	public static class TokenExpiry {

		/**
		 * Whether a session whose access token expired (and could not be refreshed) stops
		 * being signed in, so that the user signs in again and returns to the same page.
		 */
		private boolean endSession = true;

		/**
		 * Whether to renew an expiring access token with the refresh token, when Hugging Face
		 * sent one.
		 */
		private boolean refresh = true;

		/**
		 * How long after its access token expired a session stays signed in while Hugging
		 * Face cannot be reached to refresh it (down, answering 5xx, or not answering), so
		 * that an outage signs nobody out. After it, end-session applies. A refresh Hugging
		 * Face refuses ends the session at once.
		 */
		private Duration outageGrace = Duration.ofMinutes(15);

		/**
		 * After Hugging Face failed to answer a refresh, how long this instance tries no other
		 * refresh, so that requests do not hammer it while it is down.
		 */
		private Duration outageRetryInterval = Duration.ofSeconds(10);

		public Duration getOutageGrace() {
			return this.outageGrace;
		}

		public void setOutageGrace(Duration outageGrace) {
			this.outageGrace = outageGrace;
		}

		public Duration getOutageRetryInterval() {
			return this.outageRetryInterval;
		}

		public void setOutageRetryInterval(Duration outageRetryInterval) {
			this.outageRetryInterval = outageRetryInterval;
		}

		public boolean isEndSession() {
			return this.endSession;
		}

		public void setEndSession(boolean endSession) {
			this.endSession = endSession;
		}

		public boolean isRefresh() {
			return this.refresh;
		}

		public void setRefresh(boolean refresh) {
			this.refresh = refresh;
		}

	}

	/**
	 * The mock user signed in for local development when no client is configured outside a
	 * Space.
	 */
	public static class Mock {

		/**
		 * Whether to sign in a mock user when no client is configured outside a Space. When
		 * false, a missing client configuration stops startup. Never active inside a Space.
		 */
		private boolean enabled = true;

		/**
		 * Whether the app answers requests from other addresses than loopback in mock mode.
		 * By default they get a 403: anyone reaching the app could sign in as the mock user.
		 * Set it to true where requests arrive through a bridge, such as a local container.
		 */
		private boolean allowRemote;

		/**
		 * Handle of the mock user.
		 */
		private String username = "mock-user";

		/**
		 * Display name of the mock user.
		 */
		private String name = "Mock User";

		/**
		 * Email address of the mock user.
		 */
		private String email = "mock-user@example.com";

		/**
		 * Avatar URL of the mock user. Defaults to a generated image that needs no network.
		 */
		private @Nullable String avatarUrl;

		/**
		 * Whether the mock user has a Pro subscription.
		 */
		private boolean pro;

		/**
		 * A Hugging Face token HfApiClient calls with for the mock user. It is YOUR token:
		 * every mock sign-in then acts as you. Unset, API calls in mock mode are refused.
		 */
		private @Nullable String token;

		/**
		 * Whether HfApiClient calls with the token in the HF_TOKEN environment variable for
		 * the mock user. It is YOUR token: every mock sign-in then acts as you.
		 */
		private boolean useHfToken;

		/**
		 * Organizations of the mock user, each with a handle, a display name, a role (admin,
		 * write, contributor, read) and a plan.
		 */
		private List<Organization> organizations = new ArrayList<>(List.of(Organization.defaultOrganization()));

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isAllowRemote() {
			return this.allowRemote;
		}

		public void setAllowRemote(boolean allowRemote) {
			this.allowRemote = allowRemote;
		}

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getEmail() {
			return this.email;
		}

		public void setEmail(String email) {
			this.email = email;
		}

		public @Nullable String getAvatarUrl() {
			return this.avatarUrl;
		}

		public void setAvatarUrl(@Nullable String avatarUrl) {
			this.avatarUrl = avatarUrl;
		}

		public boolean isPro() {
			return this.pro;
		}

		public void setPro(boolean pro) {
			this.pro = pro;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public boolean isUseHfToken() {
			return this.useHfToken;
		}

		public void setUseHfToken(boolean useHfToken) {
			this.useHfToken = useHfToken;
		}

		public List<Organization> getOrganizations() {
			return this.organizations;
		}

		public void setOrganizations(List<Organization> organizations) {
			this.organizations = organizations;
		}

	}

	/**
	 * An organization of the mock user.
	 */
	public static class Organization {

		/**
		 * Handle of the organization.
		 */
		private String username = "";

		/**
		 * Display name of the organization. Defaults to the handle.
		 */
		private @Nullable String name;

		/**
		 * The mock user's role in the organization: admin, write, contributor or read.
		 */
		private String role = "read";

		/**
		 * Plan of the organization, such as team or enterprise.
		 */
		private @Nullable String plan;

		static Organization defaultOrganization() {
			Organization organization = new Organization();
			organization.setUsername("mock-org");
			organization.setName("Mock Organization");
			organization.setRole("admin");
			organization.setPlan("team");
			return organization;
		}

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public String getRole() {
			return this.role;
		}

		public void setRole(String role) {
			this.role = role;
		}

		public @Nullable String getPlan() {
			return this.plan;
		}

		public void setPlan(@Nullable String plan) {
			this.plan = plan;
		}

	}

}
