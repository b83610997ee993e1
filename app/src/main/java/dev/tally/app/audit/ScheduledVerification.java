package dev.tally.app.audit;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.tally.query.audit.LastVerification;
import dev.tally.query.audit.ReadModelVerifier;
import dev.tally.query.audit.Verification;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Verifies every account's read models against a replay of the events on a schedule (tally.audit.verify-cron,
 * TALLY_AUDIT_VERIFY_CRON; daily at 03:00 UTC by default, on the engine's clock, once across nodes), and reports the
 * last result, whoever asked for it, in the health details ({@code audit}) and as metrics
 * ({@code tally.audit.mismatches}, {@code tally.audit.accounts.checked}, {@code tally.audit.last.verified}).
 * Mismatches are reported, not a failure of the engine: health stays UP and names them.
 */
@Configuration
public class ScheduledVerification {

    private static final Logger log = LoggerFactory.getLogger(ScheduledVerification.class);
    /** How many mismatches the health details list; the count is exact. */
    private static final int LISTED = 5;

    private final ReadModelVerifier verifier;
    private final LastVerification last;

    ScheduledVerification(ReadModelVerifier verifier, LastVerification last) {
        this.verifier = verifier;
        this.last = last;
    }

    @Bean
    RecurringTask<Void> auditVerification(@Value("${tally.audit.verify-cron}") String cron) {
        return Tasks.recurring("audit-verify", Schedules.cron(cron, ZoneOffset.UTC))
                .execute((instance, context) -> {
                    Verification result = last.record(verifier.verifyAll());
                    if (result.consistent()) {
                        log.info("Verified {} accounts against {} events: no mismatch", result.accountsChecked(),
                                result.eventsReplayed());
                    } else {
                        log.error("Verified {} accounts against {} events: {} mismatches, first {}",
                                result.accountsChecked(), result.eventsReplayed(), result.mismatches().size(),
                                result.mismatches().getFirst());
                    }
                });
    }

    @Bean("audit")
    HealthIndicator auditHealth() {
        return () -> last.get().map(summary -> {
            Verification verification = summary.verification();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("lastVerifiedAt", verification.verifiedAt().toString());
            details.put("accountsChecked", verification.accountsChecked());
            details.put("eventsReplayed", verification.eventsReplayed());
            details.put("mismatches", summary.mismatchCount());
            details.put("firstMismatches", verification.mismatches().stream().limit(LISTED).toList());
            return Health.up().withDetails(details).build();
        }).orElseGet(() -> Health.up().withDetail("lastVerifiedAt", "never").build());
    }

    @Bean
    MeterBinder auditMetrics() {
        return registry -> {
            gauge(registry, "tally.audit.mismatches", "mismatches found by the last verification",
                    summary -> summary.mismatchCount());
            gauge(registry, "tally.audit.accounts.checked", "accounts checked by the last verification",
                    summary -> summary.verification().accountsChecked());
            gauge(registry, "tally.audit.last.verified", "when the last verification ran (epoch seconds)",
                    summary -> summary.verification().verifiedAt().getEpochSecond());
        };
    }

    /** A gauge of the last verification; NaN before the first. */
    private void gauge(MeterRegistry registry, String name, String description,
                       ToDoubleFunction<LastVerification.Summary> value) {
        Gauge.builder(name, last, verification -> verification.get().map(value::applyAsDouble).orElse(Double.NaN))
                .description(description)
                .register(registry);
    }
}
