package io.github.hfoauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.util.Assert;

/**
 * Public only for wiring: who a Hugging Face token belongs to, for both web stacks. The Hub's
 * {@code /api/whoami-v2} answers; for a user access token (and, when the app opts in, an OAuth
 * token of any app) its answer becomes the same {@link HfOAuth2User} a browser sign-in gives,
 * through the application's {@link HfOAuth2UserConverter} (authorities and the organization gate
 * included), and is remembered per token for a while. Created by the
 * auto-configuration from {@code hf.oauth.bearer.*}; {@link HfBearerTokens} and
 * {@link HfServerBearerTokens} put it on a security chain.
 */
public final class HfBearerTokenUsers {

	private static final Log logger = LogFactory.getLog(HfBearerTokenUsers.class);

	static final String WHOAMI_PATH = "/api/whoami-v2";

	static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	// Stands in the place of an ID token, which a bearer token has none of: never the token itself.
	private static final String NO_ID_TOKEN = "none: authenticated with a Hugging Face token";

	/**
	 * Why a token that is not a user access token is refused, naming the fix: an OAuth token
	 * may come from any app the user signed in to, which must not call this app as them.
	 */
	static final String USER_ACCESS_TOKENS_ONLY = "This app accepts only user access tokens, not a token an app "
			+ "got when you signed in to it: use a token from huggingface.co/settings/tokens.";

	// Lenient bounds: only what cannot be one of the Hub's tokens falls outside.
	private static final int MIN_TOKEN_LENGTH = 10;

	private static final int MAX_TOKEN_LENGTH = 256;

	private static final Set<String> STANDARD_CLAIMS = Set.of("sub", "name", "preferred_username", "picture",
			"profile", "email", "email_verified");

	private final HfOAuth2UserConverter converter;

	private final String hubUrl;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final List<String> paths;

	private final boolean acceptOAuthTokens;

	private final Duration cacheTtl;

	private final BearerTokenCache<Answer> answers;

	/**
	 * Creates the lookup.
	 * @param converter builds the principal, as at sign-in
	 * @param hubUrl the Hub's base URL ({@code hf.api.hub-url})
	 * @param connectTimeout connect timeout of the calls to the Hub
	 * @param readTimeout read timeout of the calls to the Hub
	 * @param paths the path patterns where a bearer token counts
	 * @param cacheTtl how long an answer about a token is remembered
	 * @param cacheSize how many tokens' answers are remembered at most; refusals are remembered
	 * apart, a tenth as many
	 * @param acceptOAuthTokens whether OAuth access tokens of any app count too, not only user
	 * access tokens
	 */
	public HfBearerTokenUsers(HfOAuth2UserConverter converter, String hubUrl, Duration connectTimeout,
			Duration readTimeout, List<String> paths, Duration cacheTtl, int cacheSize, boolean acceptOAuthTokens) {
		Assert.notEmpty(paths, "paths must not be empty");
		Assert.isTrue((!cacheTtl.isNegative() && !cacheTtl.isZero()), "cacheTtl must be positive");
		Assert.isTrue(cacheSize > 0, "cacheSize must be positive");
		this.converter = converter;
		this.hubUrl = hubUrl.endsWith("/") ? hubUrl.substring(0, hubUrl.length() - 1) : hubUrl;
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.paths = List.copyOf(paths);
		this.acceptOAuthTokens = acceptOAuthTokens;
		this.cacheTtl = cacheTtl;
		this.answers = new BearerTokenCache<>(cacheTtl, cacheSize, Math.max(1, cacheSize / 10),
				(answer) -> answer.user() == null, Clock.systemUTC());
	}

	String hubUrl() {
		return this.hubUrl;
	}

	Duration connectTimeout() {
		return this.connectTimeout;
	}

	Duration readTimeout() {
		return this.readTimeout;
	}

	List<String> paths() {
		return this.paths;
	}

	/**
	 * The answer about a token, remembered or asked for.
	 * @param token the token
	 * @param whoami asks the Hub; called at most once at a time per token
	 * @return the answer
	 */
	CompletableFuture<Answer> answer(String token, Supplier<CompletableFuture<Answer>> whoami) {
		if (!couldBeHuggingFaceToken(token)) {
			logger.debug("Refused a bearer token that cannot be a Hugging Face token, without asking the Hub");
			return CompletableFuture.completedFuture(Answer.INVALID);
		}
		return this.answers.get(token, whoami);
	}

	/**
	 * Whether a token has the shape of a Hugging Face token ({@code hf_...} user access tokens,
	 * {@code hf_oauth_...} OAuth tokens): anything else is refused without a call to the Hub.
	 * @param token the token
	 * @return {@code true} if the Hub may know it
	 */
	static boolean couldBeHuggingFaceToken(String token) {
		if (!token.startsWith("hf_") || token.length() < MIN_TOKEN_LENGTH || token.length() > MAX_TOKEN_LENGTH) {
			return false;
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
					|| c == '-';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads the Hub's answer.
	 * @param status its HTTP status
	 * @param body its JSON body, read only for a success
	 * @return the user, or why the token is refused (a token other than a user access token,
	 * unless OAuth tokens are accepted)
	 * @throws OAuth2IntrospectionException when the Hub could not say (an outage, not the caller's
	 * fault): this is not remembered
	 */
	Answer read(int status, @Nullable Map<String, ?> body) {
		logger.debug("Hugging Face answered HTTP " + status + " when asked who a bearer token belongs to");
		if (status == 401 || status == 403) {
			return Answer.INVALID;
		}
		if (status < 200 || status > 299) {
			throw new OAuth2IntrospectionException("Hugging Face answered HTTP " + status
					+ " when asked who a token belongs to");
		}
		if (body == null || HfClaims.text(body, "id") == null || "org".equals(HfClaims.text(body, "type"))) {
			return Answer.INVALID;
		}
		if (!this.acceptOAuthTokens && !isUserAccessToken(body)) {
			logger.debug("Refused a bearer token that is not a user access token (auth type "
					+ LogText.clean(String.valueOf(authType(body))) + ")");
			return new Answer(null, new OAuth2Error(BearerTokenErrorCodes.INVALID_TOKEN, USER_ACCESS_TOKENS_ONLY, null));
		}
		try {
			return new Answer(user(body), null);
		}
		catch (OAuth2AuthenticationException refused) {
			return new Answer(null, refused.getError());
		}
	}

	/**
	 * The principal of an answer.
	 * @param answer the answer
	 * @return the user
	 * @throws BadOpaqueTokenException for an unknown, expired or revoked token
	 * @throws OAuth2AuthenticationException for a user the organization gate refuses
	 */
	OAuth2AuthenticatedPrincipal principal(Answer answer) {
		if (answer.user() != null) {
			return answer.user();
		}
		if (answer.refusal() != null) {
			throw new OAuth2AuthenticationException(answer.refusal());
		}
		throw new BadOpaqueTokenException("Hugging Face does not know this token");
	}

	/**
	 * The failure of a call that got no usable answer from the Hub.
	 * @param cause what went wrong (its message names no token)
	 * @return the exception Spring Security turns into a service failure
	 */
	static OAuth2IntrospectionException unreachable(Throwable cause) {
		if (cause instanceof CompletionException && cause.getCause() != null) {
			return unreachable(cause.getCause());
		}
		if (cause instanceof OAuth2IntrospectionException introspection) {
			return introspection;
		}
		return new OAuth2IntrospectionException("Hugging Face could not be asked who a token belongs to ("
				+ cause.getClass().getSimpleName() + ")", cause);
	}

	// A token the user created at huggingface.co/settings/tokens; an answer without "auth" is none.
	private static boolean isUserAccessToken(Map<String, ?> whoami) {
		return "access_token".equals(authType(whoami));
	}

	private static @Nullable Object authType(Map<String, ?> whoami) {
		return (whoami.get("auth") instanceof Map<?, ?> auth) ? auth.get("type") : null;
	}

	private HfOAuth2User user(Map<String, ?> whoami) {
		Map<String, Object> userInfo = userInfo(whoami);
		Instant now = Instant.now();
		OidcIdToken standIn = OidcIdToken.withTokenValue(NO_ID_TOKEN)
			.claims((claims) -> userInfo.forEach((name, value) -> {
				if (STANDARD_CLAIMS.contains(name)) {
					claims.put(name, value);
				}
			}))
			.issuer(this.hubUrl)
			.issuedAt(now)
			.expiresAt(now.plus(this.cacheTtl))
			.build();
		// No scopes: what a token may do at Hugging Face is not the app's authority to grant.
		return this.converter.convert(standIn, new OidcUserInfo(userInfo), List.of());
	}

	// whoami-v2's shape into userinfo's, so that the principal is built as at sign-in.
	Map<String, Object> userInfo(Map<String, ?> whoami) {
		Map<String, Object> claims = new LinkedHashMap<>();
		String handle = HfClaims.text(whoami, "name");
		put(claims, "sub", HfClaims.text(whoami, "id"));
		put(claims, "preferred_username", handle);
		put(claims, "name", HfClaims.text(whoami, "fullname"));
		put(claims, "email", HfClaims.text(whoami, "email"));
		put(claims, "email_verified", HfClaims.flag(whoami, "emailVerified"));
		put(claims, "picture", absolute(HfClaims.text(whoami, "avatarUrl")));
		put(claims, "profile", (handle != null) ? this.hubUrl + "/" + handle : null);
		put(claims, "isPro", HfClaims.flag(whoami, "isPro"));
		put(claims, "canPay", HfClaims.flag(whoami, "canPay"));
		List<Map<String, Object>> organizations = new ArrayList<>();
		for (Map<String, ?> org : HfClaims.objects(whoami, "orgs")) {
			Map<String, Object> organization = new LinkedHashMap<>();
			put(organization, "sub", HfClaims.text(org, "id"));
			put(organization, "preferred_username", HfClaims.text(org, "name"));
			put(organization, "name", HfClaims.text(org, "fullname"));
			put(organization, "picture", absolute(HfClaims.text(org, "avatarUrl")));
			put(organization, "plan", HfClaims.text(org, "plan"));
			put(organization, "canPay", HfClaims.flag(org, "canPay"));
			put(organization, "roleInOrg", HfClaims.text(org, "roleInOrg"));
			List<String> restrictions = HfClaims.texts(org, "securityRestrictions");
			if (!restrictions.isEmpty()) {
				organization.put("securityRestrictions", restrictions);
			}
			organizations.add(organization);
		}
		claims.put("orgs", organizations);
		return claims;
	}

	// The Hub gives some avatars as paths on itself.
	private @Nullable String absolute(@Nullable String url) {
		return (url != null && url.startsWith("/") && !url.startsWith("//")) ? this.hubUrl + url : url;
	}

	private static void put(Map<String, Object> claims, String name, @Nullable Object value) {
		if (value != null) {
			claims.put(name, value);
		}
	}

	@Override
	public String toString() {
		return "HfBearerTokenUsers[hubUrl=" + this.hubUrl + ", paths=" + this.paths + ", cacheTtl=" + this.cacheTtl
				+ ", acceptOAuthTokens=" + this.acceptOAuthTokens + "]";
	}

	/**
	 * What the Hub said about a token: its user, or why it is refused.
	 *
	 * @param user the user, or {@code null} when refused
	 * @param refusal the organization gate's refusal or a token of the wrong kind, or
	 * {@code null}; both {@code null}: an unknown, expired or revoked token
	 */
	record Answer(@Nullable HfOAuth2User user, @Nullable OAuth2Error refusal) {

		static final Answer INVALID = new Answer(null, null);

	}

}
