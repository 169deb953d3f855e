package io.github.hfoauth.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a Sign in with Hugging Face configuration error into Spring Boot's "APPLICATION
 * FAILED TO START" report: what is wrong, and the property or Space metadata that fixes it,
 * instead of a wall of stack trace.
 */
class HfOAuthFailureAnalyzer extends AbstractFailureAnalyzer<HfOAuthConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, HfOAuthConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
