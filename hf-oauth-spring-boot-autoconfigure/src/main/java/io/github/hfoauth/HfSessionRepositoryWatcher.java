package io.github.hfoauth;

import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AbstractAdvisingBeanPostProcessor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.RootClassFilter;
import org.springframework.session.SessionRepository;

/**
 * Public only for wiring: notes what Spring Session's {@link SessionRepository} beans throw, so
 * that {@link HfSessionStoreFailureFilter} answers the failures of the session store and nothing
 * else (the application's own data access keeps its own error handling). The twin of what
 * WebFlux's store-down filter watches on the session.
 * <p>
 * Each repository bean is proxied as its own class (an interface proxy for a final class), as
 * Spring's {@code PersistenceExceptionTranslationPostProcessor} does; what it throws is thrown
 * unchanged.
 */
public final class HfSessionRepositoryWatcher extends AbstractAdvisingBeanPostProcessor {

	// Weak: a failure is forgotten with the request that failed.
	private final Set<Throwable> failures = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	/**
	 * Creates the watcher.
	 */
	public HfSessionRepositoryWatcher() {
		this.advisor = new DefaultPointcutAdvisor(new ComposablePointcut(new RootClassFilter(SessionRepository.class)),
				(MethodInterceptor) this::noteFailures);
		// First of all advice: what it sees is what the repository threw.
		setBeforeExistingAdvisors(true);
		// Injected as its own class (RedisSessionRepository, say) as well as by interface.
		setProxyTargetClass(true);
	}

	@Override
	protected ProxyFactory prepareProxyFactory(Object bean, String beanName) {
		ProxyFactory proxyFactory = super.prepareProxyFactory(bean, beanName);
		if (Modifier.isFinal(bean.getClass().getModifiers())) {
			proxyFactory.setProxyTargetClass(false);
		}
		return proxyFactory;
	}

	/**
	 * Whether an error, or one of the errors it was raised from, was thrown by the session
	 * repository.
	 * @param error an error a request failed with, or one of its causes
	 * @return {@code true} for the store's
	 */
	boolean thrownByTheStore(Throwable error) {
		return this.failures.contains(error);
	}

	private @Nullable Object noteFailures(MethodInvocation invocation) throws Throwable {
		try {
			return invocation.proceed();
		}
		catch (Throwable ex) {
			// Every cause too, so that the failure is recognised however it is wrapped on its way.
			Throwable cause = ex;
			while (cause != null && this.failures.add(cause)) {
				cause = cause.getCause();
			}
			throw ex;
		}
	}

}
