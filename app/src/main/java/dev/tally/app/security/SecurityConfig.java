package dev.tally.app.security;

import dev.tally.api.ErrorCode;
import dev.tally.app.config.TallyProperties;
import dev.tally.app.web.Problem;
import dev.tally.app.web.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who may call what. For now one role, the admin, by API key; health answers anyone, and Stripe's webhook anyone
 * holding the endpoint's signing secret. The security issue adds stored API keys with roles, JWTs from an OpenID
 * Connect issuer and rate limits.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    @Bean
    AdminApiKey adminApiKey(TallyProperties properties) {
        return AdminApiKey.load(properties);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, AdminApiKey adminKey, ProblemWriter problems) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(adminKey, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(routes -> routes
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // Stripe sends no API key: the webhook authenticates each delivery by its signature.
                        .requestMatchers(HttpMethod.POST, "/api/v1/webhooks/stripe").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problems.write(response,
                                Problem.of(ErrorCode.UNAUTHORIZED, "send Authorization: Bearer <API key>")))
                        .accessDeniedHandler((request, response, e) -> problems.write(response,
                                Problem.of(ErrorCode.FORBIDDEN, "your role may not do this"))))
                .build();
    }

    /** No users or passwords: keeps Spring Boot from generating a default user. */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
