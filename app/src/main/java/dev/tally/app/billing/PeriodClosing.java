package dev.tally.app.billing;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.tally.api.AccountId;
import dev.tally.api.InvoiceId;
import dev.tally.api.billing.CloseEndedPeriods;
import dev.tally.api.billing.PeriodClosed;
import dev.tally.domain.IdGenerator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static dev.tally.schema.jooq.Tables.ACCOUNT;

/**
 * Closes every account's billing periods that have ended: each day at midnight (on the engine's clock, so the test
 * clock's months close too), and when an admin asks for all accounts. An account whose periods are closed already
 * is left alone; one whose closing fails is reported, and the scheduled run fails so db-scheduler tries it again.
 */
@Configuration
public class PeriodClosing {

    private static final Logger log = LoggerFactory.getLogger(PeriodClosing.class);
    private static final Duration RETRY_AFTER = Duration.ofHours(1);

    /** What closing every account at one instant did. */
    public record Result(Instant upTo, List<Closed> invoices, List<Failed> failed) {
    }

    public record Closed(String accountId, String invoiceId) {
    }

    public record Failed(String accountId, String detail) {
    }

    private final CommandGateway commands;
    private final DSLContext db;
    private final Clock clock;
    private final IdGenerator ids;

    PeriodClosing(CommandGateway commands, DSLContext db, Clock clock, IdGenerator ids) {
        this.commands = commands;
        this.db = db;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Every day at midnight UTC (the test clock's too), since accounts' periods start on their own anchor days. A
     * run that leaves an account unclosed is tried again an hour later; accounts closed already are skipped then.
     */
    @Bean
    RecurringTask<Void> billingPeriodClose() {
        return Tasks.recurring("billing-period-close", Schedules.cron("0 0 0 * * *", ZoneOffset.UTC))
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY_AFTER))
                .execute((instance, context) -> {
                    Result result = closeAll(clock.instant());
                    if (!result.failed().isEmpty()) {
                        throw new IllegalStateException("billing periods of " + result.failed().size()
                                + " accounts did not close: " + result.failed());
                    }
                });
    }

    /** Closes the periods that have ended by {@code upTo} of every account known to the accounts read model. */
    public Result closeAll(Instant upTo) {
        List<Closed> closed = new ArrayList<>();
        List<Failed> failed = new ArrayList<>();
        for (String accountId : db.select(ACCOUNT.ID).from(ACCOUNT).orderBy(ACCOUNT.ID).fetch(ACCOUNT.ID)) {
            try {
                PeriodClosed result = commands.sendAndWait(new CloseEndedPeriods(AccountId.of(accountId), upTo,
                        InvoiceId.of(ids.next("inv")), clock.instant()));
                if (result != null) {
                    closed.add(new Closed(accountId, result.invoiceId().value()));
                }
            } catch (RuntimeException e) {
                log.warn("The billing periods of account {} ended by {} did not close", accountId, upTo, e);
                failed.add(new Failed(accountId, e.getMessage()));
            }
        }
        if (!closed.isEmpty()) {
            log.info("Closed the billing periods of {} accounts ended by {}", closed.size(), upTo);
        }
        return new Result(upTo, closed, failed);
    }
}
