package io.github.hfoauth.autoconfigure;

import io.github.hfoauth.api.HfChatRequest;
import org.jspecify.annotations.Nullable;

/**
 * {@code hf.api.bill-to}, checked at startup: a mistyped organization would otherwise only
 * show when the first user asks a model. A bean of its own, because the API clients are built
 * lazily.
 */
final class BillTo {

	private final @Nullable String organization;

	private BillTo(@Nullable String organization) {
		this.organization = organization;
	}

	/**
	 * The organization to bill, as the property says.
	 * @param properties the API properties
	 * @return the checked setting
	 * @throws HfOAuthConfigurationException when it is not an organization handle
	 */
	static BillTo of(HfApiProperties properties) {
		String billTo = properties.getBillTo();
		if (billTo == null || billTo.isBlank()) {
			return new BillTo(null);
		}
		if (!HfChatRequest.isOrganizationHandle(billTo.trim())) {
			throw new HfOAuthConfigurationException(
					"hf.api.bill-to is '" + billTo + "', which is not a Hugging Face organization handle.",
					"Set hf.api.bill-to to the organization's handle as in its address huggingface.co/<handle> "
							+ "(such as 'acme': letters, digits, and '-', '_' or '.' between them), or remove it "
							+ "to bill each user's own account.");
		}
		return new BillTo(billTo.trim());
	}

	/**
	 * The organization's handle.
	 * @return it, or {@code null} for each user's own account
	 */
	@Nullable String organization() {
		return this.organization;
	}

}
