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
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * {@code Authorization: Bearer tally_...}: the admin API key makes the caller the admin; any other bearer token is
 * refused with 401. No header at all passes on as anonymous, for the routes open to anyone.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String ADMIN = "admin";
    private static final String BEARER = "Bearer ";

    private final AdminApiKey adminKey;
    private final ProblemWriter problems;

    ApiKeyAuthenticationFilter(AdminApiKey adminKey, ProblemWriter problems) {
        this.adminKey = adminKey;
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
        if (!adminKey.matches(token)) {
            problems.write(response, Problem.of(ErrorCode.UNAUTHORIZED, "the bearer token is not valid"));
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(ADMIN, null,
                AuthorityUtils.createAuthorityList("ROLE_ADMIN"));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }
}
