package io.github.hfoauth;

import java.util.HashMap;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.SessionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The servlet store-down answer: given to what Spring Session's repository throws, and to
 * nothing else.
 */
class HfSessionStoreFailureFilterTests {

	private final HfSessionRepositoryWatcher watcher = new HfSessionRepositoryWatcher();

	private final HfSessionStoreFailureFilter filter = new HfSessionStoreFailureFilter(this.watcher,
			(request, response) -> {
			});

	@Test
	void whatTheRepositoryThrowsGetsTheStoreDownAnswer() throws Exception {
		SessionRepository<MapSession> repository = watched(new StoreDown());
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.filter.doFilter(apiCall(), response, (request, ignored) -> repository.findById("a-session"));

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentAsString()).contains(HfSessionStoreFailureFilter.ERROR_CODE)
			.doesNotContain("the session store's address");
	}

	@Test
	void theApplicationsOwnDataAccessFailureIsLeftToIt() {
		watched(new StoreDown());
		DataAccessResourceFailureException own = new DataAccessResourceFailureException("the app's own database");

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> this.filter.doFilter(apiCall(), new MockHttpServletResponse(), (request, response) -> {
				throw own;
			}))
			.isSameAs(own);
	}

	@Test
	void theRepositoryKeepsItsClass() {
		assertThat(watched(new StoreDown())).isInstanceOf(MapSessionRepository.class);
	}

	@SuppressWarnings("unchecked")
	private SessionRepository<MapSession> watched(SessionRepository<MapSession> repository) {
		return (SessionRepository<MapSession>) this.watcher.postProcessAfterInitialization(repository, "sessionRepository");
	}

	private static MockHttpServletRequest apiCall() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
		request.addHeader("Accept", "application/json");
		return request;
	}

	static class StoreDown extends MapSessionRepository {

		StoreDown() {
			super(new HashMap<>());
		}

		@Override
		public MapSession findById(String id) {
			throw new DataAccessResourceFailureException("the session store's address");
		}

	}

}
