package dev.tally.app.security;

import dev.tally.api.activity.AdminCommandRecorded;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.Set;

/**
 * Records every command an admin made that the engine accepted (a 2xx or 3xx answer to anything but a read) as an
 * {@link AdminCommandRecorded} event: who, what and when, listed by {@code GET /admin/activity}. A refused command
 * changed nothing and is not recorded; a repeat the idempotency filter answered never reaches here.
 */
@Component
class AdminActivity implements HandlerInterceptor, WebMvcConfigurer {

    private static final Set<String> READS = Set.of(HttpMethod.GET.name(), HttpMethod.HEAD.name(),
            HttpMethod.OPTIONS.name());

    private final EventGateway events;
    private final Clock clock;

    AdminActivity(EventGateway events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/v1/**");
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (READS.contains(request.getMethod()) || failure != null || response.getStatus() >= 400 || caller == null
                || caller.getAuthorities().stream().noneMatch(Role.ADMIN.authority()::equals)) {
            return;
        }
        events.publish(new AdminCommandRecorded(caller.getName(), Role.ADMIN.name(), request.getMethod(),
                request.getRequestURI(), response.getStatus(), clock.instant()));
    }
}
