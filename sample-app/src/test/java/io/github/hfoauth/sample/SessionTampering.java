package io.github.hfoauth.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edits of a stored session value, as someone with write access to the session store (but
 * not the app's key) would make them: for the tests that see such edits refused on both web
 * stacks.
 */
public final class SessionTampering {

	private SessionTampering() {
	}

	/** Same-length text replaced in a stored value, as someone editing the store would. */
	public static byte[] replaced(byte[] value, String from, String to) {
		String text = new String(value, StandardCharsets.ISO_8859_1);
		assertThat(text).contains(from);
		return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * The stored ID token with its payload edited, its (now wrong) signature kept; in a Java
	 * stream the string's length prefix is corrected, so that only the integrity check refuses it.
	 */
	public static byte[] withIdTokenPayload(byte[] value, Consumer<Map<String, Object>> edit) {
		String text = new String(value, StandardCharsets.ISO_8859_1);
		Matcher found = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+").matcher(text);
		assertThat(found.find()).as("the ID token in the stored sign-in").isTrue();
		int start = found.start();
		// Java writes a string as 0x74, its length in two bytes, then the characters.
		boolean javaString = start >= 3 && value[start - 3] == 0x74;
		int end = javaString ? start + (((value[start - 2] & 0xff) << 8) | (value[start - 1] & 0xff)) : found.end();
		String[] jwt = text.substring(start, end).split("\\.");
		Map<String, Object> claims = new LinkedHashMap<>(
				Json.parse(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8)));
		edit.accept(claims);
		String payload = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(JsonMapper.builder().build().writeValueAsBytes(claims));
		String forged = jwt[0] + "." + payload + "." + jwt[2];
		byte[] bytes = (text.substring(0, start) + forged + text.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
		if (javaString) {
			bytes[start - 2] = (byte) (forged.length() >> 8);
			bytes[start - 1] = (byte) forged.length();
		}
		return bytes;
	}

	public static byte[] javaSerialized(Object value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	// A class of the app's that no session holds: neither allow-list accepts it.
	public static class Gadget implements Serializable {

		public String command = "calc";

	}

}
