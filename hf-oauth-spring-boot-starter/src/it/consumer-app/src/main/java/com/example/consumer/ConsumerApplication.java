package com.example.consumer;

import io.github.hfoauth.HfOAuth2User;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@RestController
public class ConsumerApplication {

	@GetMapping("/hello")
	String hello(@AuthenticationPrincipal HfOAuth2User user) {
		return "Hello " + user.getDisplayName() + " (@" + user.getUsername() + ")";
	}

	public static void main(String[] args) {
		SpringApplication.run(ConsumerApplication.class, args);
	}

}
