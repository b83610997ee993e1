package dev.tally.app.security;

import dev.tally.api.ErrorCode;
import dev.tally.app.web.Problem;
import dev.tally.app.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code Authorization: Bearer tally_...}: the admin key of the configuration makes the caller {@code admin}, a
 * stored key {@code key:<id>} with its role; a revoked or unknown key is refused with 401. Any other bearer token is
 * a JWT, left to the OpenID Connect resource server when an issuer is configured and refused otherwise. No header at
 * all passes on as anonymous, for the routes open to anyone.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String ADMIN = "admin";
    private static final String BEARER = "Bearer ";

    private final AdminApiKey adminKey;
    private final ApiKeys keys;
    private final boolean jwtsAccepted;
    private final ProblemWriter problems;

    ApiKeyAuthenticationFilter(AdminApiKey adminKey, ApiKeys keys, boolean jwtsAccepted, ProblemWriter problems) {
        this.adminKey = adminKey;
        this.keys = keys;
        this.jwtsAccepted = jwtsAccepted;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.startsWith(BEARER) ? header.substring(BEARER.length()).strip() : "";
        if (!token.startsWith(AdminApiKey.PREFIX)) {
            if (jwtsAccepted && !token.isEmpty()) {
                chain.doFilter(request, response);
            } else {
                refuse(response);
            }
            return;
        }
        String name = ADMIN;
        Role role = Role.ADMIN;
        if (!adminKey.matches(token)) {
            Optional<ApiKeys.ApiKey> stored = keys.find(token);
            if (stored.isEmpty()) {
                refuse(response);
                return;
            }
            name = "key:" + stored.get().id();
            role = stored.get().role();
        }
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(name, null, List.of(role.authority())));
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response) throws IOException {
        problems.write(response, Problem.of(ErrorCode.UNAUTHORIZED, "the bearer token is not valid"));
    }
}
