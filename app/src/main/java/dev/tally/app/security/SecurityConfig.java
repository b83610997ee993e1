package dev.tally.app.security;

import dev.tally.api.ErrorCode;
import dev.tally.app.config.TallyProperties;
import dev.tally.app.web.IdempotencyFilter;
import dev.tally.app.web.Problem;
import dev.tally.app.web.ProblemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * Who may call what (API.md, Conventions). Callers are API keys (the admin key of the configuration, and keys admins
 * create with a role: {@link ApiKeys}) and, when TALLY_OIDC_ISSUER_URI names an OpenID Connect issuer, users
 * presenting its JWTs (keys from its JWKS, fetched on first use and cached). Admins command everything; auditors read
 * everything (and verify) and change nothing; collectors only push scrapes; users read their own accounts (and their
 * invoices and environments), buy credits and redeem vouchers for them, and list them at {@code /me}. Health, the
 * OpenAPI document and the signed webhooks answer anyone. Refusals are problems: 401 UNAUTHORIZED without valid
 * credentials, 403 FORBIDDEN with credentials whose role may not do it. Every caller is rate limited
 * ({@link RateLimitFilter}) once it is known who it is, before its call is authorized.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final String ACCOUNT = "/api/v1/accounts/{accountId}";

    @Bean
    AdminApiKey adminApiKey(TallyProperties properties) {
        return AdminApiKey.load(properties);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, AdminApiKey adminKey, ApiKeys keys, AccountOwnership ownership,
                            RateLimitProperties rateLimits, ProblemWriter problems,
                            @Value("${tally.oidc.issuer-uri:}") String issuer,
                            @Value("${tally.oidc.audience:}") String audience,
                            @Value("${tally.http.cors-allowed-origins:}") List<String> corsOrigins)
            throws Exception {
        boolean jwts = !issuer.isBlank();
        AuthenticationEntryPoint unauthorized = (request, response, e) -> problems.write(response,
                Problem.of(ErrorCode.UNAUTHORIZED, "send Authorization: Bearer <API key or JWT>"));
        http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(cors -> cors.configurationSource(dashboards(corsOrigins)))
                .addFilterBefore(new ApiKeyAuthenticationFilter(adminKey, keys, jwts, problems),
                        AnonymousAuthenticationFilter.class)
                .addFilterBefore(new RateLimitFilter(rateLimits, problems), AuthorizationFilter.class)
                .authorizeHttpRequests(routes -> routes
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html",
                                "/swagger-ui/**").permitAll()
                        // Stripe and the identity provider send no credentials: each delivery is signed.
                        .requestMatchers(HttpMethod.POST, "/api/v1/webhooks/stripe", "/api/v1/webhooks/identity")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/me").authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/clusters/{clusterId}/scrapes")
                        .hasAnyRole(Role.ADMIN.name(), Role.COLLECTOR.name())
                        .requestMatchers(HttpMethod.GET, ACCOUNT, ACCOUNT + "/**")
                        .access(readerOr((caller, id) -> ownership.ownsAccount(caller, id), "accountId"))
                        .requestMatchers(HttpMethod.POST, ACCOUNT + "/credit-purchases",
                                ACCOUNT + "/voucher-redemptions")
                        .access(adminOr((caller, id) -> ownership.ownsAccount(caller, id), "accountId"))
                        .requestMatchers(HttpMethod.GET, "/api/v1/invoices/{invoiceId}")
                        .access(readerOr((caller, id) -> ownership.ownsInvoice(caller, id), "invoiceId"))
                        .requestMatchers(HttpMethod.GET, "/api/v1/environments/{environmentId}")
                        .access(readerOr((caller, id) -> ownership.ownsEnvironment(caller, id), "environmentId"))
                        .requestMatchers(HttpMethod.GET, "/api/v1/admin/api-keys").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/audit/verify")
                        .hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/**", "/actuator/**")
                        .hasAnyRole(Role.ADMIN.name(), Role.AUDITOR.name())
                        .anyRequest().hasRole(Role.ADMIN.name()))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((request, response, e) -> problems.write(response,
                                Problem.of(ErrorCode.FORBIDDEN, "your role may not do this"))));
        if (jwts) {
            JwtAuthenticationConverter users = new JwtAuthenticationConverter();
            users.setJwtGrantedAuthoritiesConverter(jwt -> List.of(Role.USER.authority()));
            http.oauth2ResourceServer(server -> server
                    .bearerTokenResolver(jwtsOnly())
                    .authenticationEntryPoint(unauthorized)
                    .jwt(jwt -> jwt
                            .decoder(new SupplierJwtDecoder(() -> decoder(issuer, audience)))
                            .jwtAuthenticationConverter(users)));
        }
        return http.build();
    }

    /**
     * Browsers may call the API from the dashboards' origins (TALLY_CORS_ALLOWED_ORIGINS), with a bearer token and
     * seeing the rate-limit headers; from no origin when none is configured.
     */
    private static CorsConfigurationSource dashboards(List<String> origins) {
        List<String> allowed = origins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowed);
        cors.setAllowedMethods(List.of("GET", "POST", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, IdempotencyFilter.HEADER));
        cors.setExposedHeaders(List.of(RateLimitFilter.LIMIT, RateLimitFilter.REMAINING, RateLimitFilter.RESET,
                HttpHeaders.RETRY_AFTER, IdempotencyFilter.REPLAYED));
        cors.setMaxAge(3600L);
        return request -> allowed.isEmpty() ? null : cors;
    }

    /**
     * The issuer's tokens: signed by a key of its JWKS, issued by it, in their time, and (when TALLY_OIDC_AUDIENCE is
     * set) meant for this API, so a token the issuer made for another application is not accepted here.
     */
    private static JwtDecoder decoder(String issuer, String audience) {
        JwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer);
        if (!audience.isBlank()) {
            if (!(decoder instanceof NimbusJwtDecoder nimbus)) {
                throw new IllegalStateException("cannot check the audience of " + decoder.getClass());
            }
            nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                    new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                            audiences -> audiences != null && audiences.contains(audience))));
        }
        return decoder;
    }

    /** Bearer tokens that are not API keys: those are the API key filter's. */
    private static BearerTokenResolver jwtsOnly() {
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        return request -> {
            String token = bearer.resolve(request);
            return token == null || token.startsWith(AdminApiKey.PREFIX) ? null : token;
        };
    }

    /** Admins and auditors; a user when {@code owns} the path's {@code variable}. */
    private static AuthorizationManager<RequestAuthorizationContext> readerOr(
            BiPredicate<Authentication, String> owns, String variable) {
        return allowed(List.of(Role.ADMIN, Role.AUDITOR), owns, variable);
    }

    /** Admins; a user when {@code owns} the path's {@code variable}. */
    private static AuthorizationManager<RequestAuthorizationContext> adminOr(
            BiPredicate<Authentication, String> owns, String variable) {
        return allowed(List.of(Role.ADMIN), owns, variable);
    }

    private static AuthorizationManager<RequestAuthorizationContext> allowed(
            List<Role> roles, BiPredicate<Authentication, String> owns, String variable) {
        return (authentication, context) -> {
            Authentication caller = authentication.get();
            List<String> authorities = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
            boolean byRole = roles.stream().anyMatch(role -> authorities.contains(role.authority().getAuthority()));
            boolean asOwner = authorities.contains(Role.USER.authority().getAuthority())
                    && owns.test(caller, context.getVariables().get(variable));
            return new AuthorizationDecision(byRole || asOwner);
        };
    }

    /** No users or passwords: keeps Spring Boot from generating a default user. */
    /**
     * No Micrometer observation per security filter: with a registry present (Prometheus), Spring Security wraps each
     * of its filters in one, a third of a balance read's time. Requests are still observed as a whole
     * ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }
}
