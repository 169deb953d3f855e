package com.example.reactiveconsumer;

import io.github.hfoauth.HfOAuth2User;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@RestController
public class ReactiveConsumerApplication {

	@GetMapping("/hello")
	Mono<String> hello(@AuthenticationPrincipal HfOAuth2User user) {
		return Mono.just("Hello " + user.getDisplayName() + " (@" + user.getUsername() + ")");
	}

	public static void main(String[] args) {
		SpringApplication.run(ReactiveConsumerApplication.class, args);
	}

}
