package io.github.hfoauth.session;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MAC of stored session values: what one app instance seals, another with the same secret
 * opens; anything edited, or sealed with another secret, does not open.
 */
class SessionSealTests {

	private static final byte[] PAYLOAD = "{\"orgs\":[{\"name\":\"acme\",\"roleInOrg\":\"read\"}]}"
		.getBytes(StandardCharsets.UTF_8);

	private final SessionSeal seal = SessionSeal.fromSecret(bytes("the client secret of the app"));

	@Test
	void anotherInstanceWithTheSameSecretOpensWhatOneSealed() {
		byte[] sealed = this.seal.seal(PAYLOAD);

		SessionSeal otherInstance = SessionSeal.fromSecret(bytes("the client secret of the app"));

		assertThat(SessionSeal.isSealed(sealed)).isTrue();
		assertThat(otherInstance.open(sealed)).isEqualTo(PAYLOAD);
	}

	@Test
	void anEditedPayloadDoesNotOpen() {
		byte[] sealed = this.seal.seal(PAYLOAD);
		String text = new String(sealed, StandardCharsets.ISO_8859_1);
		byte[] admin = text.replace("\"read\"", "\"admin\"").getBytes(StandardCharsets.ISO_8859_1);

		assertThat(this.seal.open(admin)).isNull();
		sealed[sealed.length - 3] ^= 1;
		assertThat(this.seal.open(sealed)).isNull();
	}

	@Test
	void anEditedMacDoesNotOpen() {
		byte[] sealed = this.seal.seal(PAYLOAD);
		sealed[5] = (byte) ((sealed[5] == 'A') ? 'B' : 'A');

		assertThat(this.seal.open(sealed)).isNull();
	}

	@Test
	void aValueSealedWithAnotherSecretDoesNotOpen() {
		byte[] sealedElsewhere = SessionSeal.fromSecret(bytes("another app's secret")).seal(PAYLOAD);

		assertThat(this.seal.open(sealedElsewhere)).isNull();
	}

	@Test
	void theMacIsShortTextAndTheKeyIsNowhere() {
		byte[] sealed = this.seal.seal(PAYLOAD);

		assertThat(sealed).hasSize(1 + 22 + PAYLOAD.length);
		assertThat(new String(sealed, 0, 23, StandardCharsets.US_ASCII)).matches("S[A-Za-z0-9_-]{22}");
		assertThat(this.seal).hasToString("SessionSeal[HmacSHA256/128]");
	}

	@Test
	void theKeyIsDerivedFromTheSecretNotTheSecretItself() throws Exception {
		byte[] sealed = this.seal.seal(PAYLOAD);

		// The MAC the seal would write if it were keyed with the client secret as it is.
		Mac withTheRawSecret = Mac.getInstance("HmacSHA256");
		withTheRawSecret.init(new SecretKeySpec(bytes("the client secret of the app"), "HmacSHA256"));
		String rawSecretMac = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(Arrays.copyOf(withTheRawSecret.doFinal(PAYLOAD), 16));

		assertThat(new String(sealed, 1, 22, StandardCharsets.US_ASCII)).isNotEqualTo(rawSecretMac);
	}

	@Test
	void onlyAMarkedValueLongerThanItsMacIsSealed() {
		assertThat(SessionSeal.isSealed(new byte[] { 'S', 'x' })).isFalse();
		assertThat(SessionSeal.isSealed(new byte[] { (byte) 0xAC, (byte) 0xED, 0, 5 })).isFalse();
		assertThat(SessionSeal.isSealed(new byte[0])).isFalse();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
