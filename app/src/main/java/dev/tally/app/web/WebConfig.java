package dev.tally.app.web;

import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
public class WebConfig {

    /** Before Spring Security (order -100): an oversized body is refused before anything reads it. */
    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            @Value("${tally.http.max-body-size:10MB}") DataSize limit, ProblemWriter problems) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(limit, problems));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(-110);
        return registration;
    }

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
