package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.api.HfChatRequest;
import org.jspecify.annotations.Nullable;

/**
 * {@code hf.api.bill-to}, checked at startup: a mistyped organization would otherwise only
 * show when the first user asks a model.
 */
final class BillTo {

	/** The header both API clients send it in. */
	static final String HEADER = "X-HF-Bill-To";

	private BillTo() {
	}

	/**
	 * The organization to bill, if set.
	 * @param properties the API properties
	 * @return its handle, or {@code null} for the user's own account
	 * @throws HfOAuthConfigurationException when it is not an organization handle
	 */
	static @Nullable String of(HfApiProperties properties) {
		String billTo = properties.getBillTo();
		if (billTo == null || billTo.isBlank()) {
			return null;
		}
		if (!HfChatRequest.isOrganizationHandle(billTo.trim())) {
			throw new HfOAuthConfigurationException(
					"hf.api.bill-to is '" + billTo + "', which is not a Hugging Face organization handle.",
					"Set hf.api.bill-to to the organization's handle as in its address huggingface.co/<handle> "
							+ "(such as 'acme': letters, digits, and '-', '_' or '.' between them), or remove it "
							+ "to bill each user's own account.");
		}
		return billTo.trim();
	}

}
