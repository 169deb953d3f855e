package io.github.hfoauth.reactive;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** What the reactive login declares in mock mode, for tests outside this package. */
@Configuration(proxyBeanMethods = false)
@Import({ ReactiveLoginBeans.SignedIn.class, ReactiveLoginBeans.MockMode.class })
public class ReactiveMockModeBeans {

}
