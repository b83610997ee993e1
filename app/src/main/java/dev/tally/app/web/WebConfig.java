package dev.tally.app.web;

import org.jooq.DSLContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class WebConfig {

    /** After Spring Security (order -100), so a key belongs to the caller it authenticated. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(DSLContext db, Clock clock, ProblemWriter problems) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(db, clock, problems));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(0);
        return registration;
    }
}
