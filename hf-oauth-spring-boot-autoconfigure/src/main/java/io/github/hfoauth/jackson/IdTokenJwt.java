package io.github.hfoauth.jackson;

import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.hfoauth.IdTokenRereading;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.util.StdConverter;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * A user's ID token in JSON: the JWT alone when its claims read back from it exactly (they
 * would otherwise be stored twice, once inside the token), else the token with its claims,
 * where a URL (the issuer, as Spring Security decodes it) is written as its text, so that the
 * type allow-list need not accept {@code java.net.URL}.
 */
final class IdTokenJwt {

	private IdTokenJwt() {
	}

	static final class Write extends StdConverter<OidcIdToken, Object> {

		@Override
		public Object convert(OidcIdToken idToken) {
			if (IdTokenRereading.canReread(idToken)) {
				return idToken.getTokenValue();
			}
			Map<String, Object> claims = new LinkedHashMap<>(idToken.getClaims());
			claims.replaceAll((name, value) -> (value instanceof URL url) ? url.toString() : value);
			return new OidcIdToken(idToken.getTokenValue(), idToken.getIssuedAt(), idToken.getExpiresAt(), claims);
		}

	}

	// Either form: a string is the JWT alone, an object the token with its claims.
	static final class Read extends ValueDeserializer<OidcIdToken> {

		@Override
		public OidcIdToken deserialize(JsonParser parser, DeserializationContext context) {
			return (parser.currentToken() == JsonToken.VALUE_STRING) ? reread(parser, context)
					: context.readValue(parser, OidcIdToken.class);
		}

		@Override
		public Object deserializeWithType(JsonParser parser, DeserializationContext context,
				TypeDeserializer typeDeserializer) {
			return (parser.currentToken() == JsonToken.VALUE_STRING) ? reread(parser, context)
					: typeDeserializer.deserializeTypedFromObject(parser, context);
		}

		private OidcIdToken reread(JsonParser parser, DeserializationContext context) {
			OidcIdToken idToken = IdTokenRereading.reread(parser.getString());
			if (idToken == null) {
				return context.reportInputMismatch(this, "The ID token in the session has no readable claims");
			}
			return idToken;
		}

	}

}
