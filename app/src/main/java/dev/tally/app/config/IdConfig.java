package dev.tally.app.config;

import dev.tally.domain.IdGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.UUID;

@Configuration(proxyBeanMethods = false)
public class IdConfig {

    /** Random 128-bit ids, written without dashes: {@code acc_3f2a...}. */
    @Bean
    IdGenerator idGenerator() {
        return prefix -> prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }
}
