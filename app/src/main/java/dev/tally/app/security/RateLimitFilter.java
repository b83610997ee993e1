package dev.tally.app.security;

import dev.tally.api.ErrorCode;
import dev.tally.app.web.Problem;
import dev.tally.app.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;

/**
 * Rate limits (API.md, Conventions), inside the security chain after authentication and before authorization: an
 * authenticated caller is counted by its name (an API key's or a user's), any other by its IP address
 * ({@code getRemoteAddr()}: behind a proxy, set {@code server.forward-headers-strategy} so that is the client's).
 * Every response it sees carries {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} (after this request) and
 * {@code X-RateLimit-Reset}, the epoch second the caller's window ends, as the seeds document it. Past the limit:
 * 429 {@code RATE_LIMITED} with {@code Retry-After} in seconds. Health is never limited, so probes always answer.
 *
 * <p>Windows follow the system clock, not the engine's: rate limits guard this server's real time, and the test
 * clock (TALLY_TEST_CLOCK) stands still, so on it a window would never end. The counts are per node.
 */
class RateLimitFilter extends OncePerRequestFilter {

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";

    private final RateLimitProperties properties;
    private final ProblemWriter problems;
    private final RateLimiter limiter;

    RateLimitFilter(RateLimitProperties properties, ProblemWriter problems) {
        this(properties, problems, new RateLimiter(Clock.systemUTC()));
    }

    RateLimitFilter(RateLimitProperties properties, ProblemWriter problems, RateLimiter limiter) {
        this.properties = properties;
        this.problems = problems;
        this.limiter = limiter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !properties.enabled() || path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        boolean anonymous = caller == null || caller instanceof AnonymousAuthenticationToken
                || !caller.isAuthenticated();
        // Prefixed, so a caller named like an address never shares an address's window.
        RateLimiter.Decision decision = anonymous
                ? limiter.acquire("ip:" + request.getRemoteAddr(), properties.anonymousRequestsPerMinute())
                : limiter.acquire("caller:" + caller.getName(), properties.requestsPerMinute());
        response.setHeader(LIMIT, Integer.toString(decision.limit()));
        response.setHeader(REMAINING, Integer.toString(decision.remaining()));
        response.setHeader(RESET, Long.toString(decision.resetEpochSecond()));
        if (!decision.allowed()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            problems.write(response, Problem.of(ErrorCode.RATE_LIMITED, "more than " + decision.limit()
                    + " requests a minute; retry after " + decision.retryAfterSeconds() + " seconds"));
            return;
        }
        chain.doFilter(request, response);
    }
}
