package dev.tally.app.demo;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.DomainException;
import dev.tally.api.EnvironmentId;
import dev.tally.api.ErrorCode;
import dev.tally.api.Money;
import dev.tally.api.PriceBookId;
import dev.tally.api.account.AssignCluster;
import dev.tally.api.account.AssignPriceBook;
import dev.tally.api.account.BillingMode;
import dev.tally.api.account.OpenAccount;
import dev.tally.api.cluster.RegisterCluster;
import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.environment.RegisterEnvironment;
import dev.tally.api.environment.StartEnvironment;
import dev.tally.api.metering.Meter;
import dev.tally.api.metering.RecordScrape;
import dev.tally.api.metering.ScrapeResult;
import dev.tally.api.pricing.CreatePriceBook;
import dev.tally.api.pricing.PriceUnit;
import dev.tally.api.pricing.PublishPriceVersion;
import dev.tally.api.pricing.Rate;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import static dev.tally.schema.jooq.Tables.CLUSTER;

/**
 * TALLY_DEMO: a demo cluster with three accounts feeds the engine a scrape a minute, so a newcomer sees usage move
 * within a minute of starting. It follows the engine's clock: each run catches up on every minute since the last
 * scrape, so advancing the test clock by a day produces that day's scrapes.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DemoEnabled.class)
class DemoCluster {

    private static final Logger log = LoggerFactory.getLogger(DemoCluster.class);
    /** The most a run catches up on; a longer pause starts afresh rather than replay weeks of minutes. */
    private static final Duration MAX_CATCH_UP = Duration.ofDays(7);
    /** Seed 004's prices: 0.05 per core-hour, 0.005 per GB-hour, 0.10 per GB-day, 0.01 per GB of egress. */
    private static final List<Rate> SEED_004_RATES = List.of(
            new Rate(Meter.CPU, PriceUnit.CORE_HOUR, new BigDecimal("0.05"), null),
            new Rate(Meter.MEMORY, PriceUnit.GB_HOUR, new BigDecimal("0.005"), null),
            new Rate(Meter.STORAGE, PriceUnit.GB_DAY, new BigDecimal("0.10"), null),
            new Rate(Meter.EGRESS, PriceUnit.GB, new BigDecimal("0.01"), null));

    private final CommandGateway commands;
    private final Clock clock;
    private final DSLContext db;
    /** The last minute scraped by this node; after a start, from the clusters read model. */
    private final AtomicReference<Instant> lastScraped = new AtomicReference<>();

    DemoCluster(CommandGateway commands, Clock clock, DSLContext db) {
        this.commands = commands;
        this.clock = clock;
        this.db = db;
    }

    @Bean
    RecurringTask<Void> demoScrapes() {
        return Tasks.recurring("demo-scrapes", FixedDelay.of(DemoWorkload.INTERVAL))
                .execute((instance, context) -> run());
    }

    private void run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant last = lastScraped.get() != null ? lastScraped.get()
                : db.select(CLUSTER.LAST_SCRAPE_AT).from(CLUSTER).where(CLUSTER.ID.eq(DemoWorkload.CLUSTER))
                        .fetchOptional(row -> row.value1() == null ? null : row.value1().toInstant())
                        .orElse(null);
        if (last == null) {
            seed(now);
        }
        Instant from = last == null || last.isBefore(now.minus(MAX_CATCH_UP))
                ? now.minus(DemoWorkload.INTERVAL) : last.plus(DemoWorkload.INTERVAL);
        int sent = 0;
        for (Instant at = from; !at.isAfter(now); at = at.plus(DemoWorkload.INTERVAL)) {
            if (!DemoWorkload.collectorDown(at) && send(at)) {
                sent++;
            }
        }
        lastScraped.set(now);
        if (sent > 1) {
            log.info("Demo cluster: caught up with {} scrapes up to {}", sent, now);
        }
    }

    /** True if the scrape was new; a repeat or one older than the last accepted changes nothing. */
    private boolean send(Instant at) {
        RecordScrape scrape = new RecordScrape(ClusterId.of(DemoWorkload.CLUSTER), "demo-" + at.getEpochSecond(),
                at, clock.instant(), DemoWorkload.podsAt(at).stream().map(pod -> DemoWorkload.sample(pod, at)).toList());
        try {
            ScrapeResult result = commands.sendAndWait(scrape);
            return !result.duplicate();
        } catch (DomainException e) {
            if (e.code() == ErrorCode.SCRAPE_OUT_OF_ORDER) {
                return false;
            }
            throw e;
        }
    }

    /** Registers the demo's cluster, accounts and environments; each step is skipped if it was done before. */
    private void seed(Instant now) {
        ClusterId cluster = ClusterId.of(DemoWorkload.CLUSTER);
        // "external": scrapes are pushed (here, by this class), so the collector leaves the cluster alone.
        once(() -> commands.sendAndWait(new RegisterCluster(cluster, "Demo cluster", "https://demo.invalid:6443",
                "external", 10, (int) DemoWorkload.INTERVAL.toSeconds(), now)));
        record DemoAccount(String id, String name, String currency, BillingMode mode, String credits) {
        }
        for (String currency : List.of("EUR", "USD")) {
            PriceBookId book = demoPriceBook(currency);
            once(() -> {
                commands.sendAndWait(new CreatePriceBook(book, "Demo prices (" + currency + ")",
                        Currency.getInstance(currency), now));
                commands.sendAndWait(new PublishPriceVersion(book, now.truncatedTo(ChronoUnit.DAYS),
                        RoundingMode.HALF_EVEN, SEED_004_RATES, now));
            });
        }
        for (DemoAccount account : List.of(
                new DemoAccount("demo-lab", "Demo Research Lab", "EUR", BillingMode.PREPAID, "500.00"),
                new DemoAccount("demo-studio", "Demo Studio", "USD", BillingMode.POSTPAID, null),
                new DemoAccount("demo-school", "Demo School", "EUR", BillingMode.PREPAID, "50.00"))) {
            AccountId id = AccountId.of(account.id());
            once(() -> commands.sendAndWait(new OpenAccount(id, account.id() + "@demo.invalid", account.name(),
                    Currency.getInstance(account.currency()), account.mode(), null, null, now)));
            commands.sendAndWait(new AssignCluster(id, cluster));
            commands.sendAndWait(new AssignPriceBook(id, demoPriceBook(account.currency())));
            if (account.credits() != null) {
                commands.sendAndWait(new GrantCredits(id, "demo-welcome", GrantKind.PROMOTION,
                        Money.of(account.credits(), account.currency()), now, null, "demo credits"));
            }
        }
        DemoWorkload.podsAt(now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(12))).stream()
                .filter(pod -> pod.environment() != null)
                .map(pod -> List.of(pod.environment(), pod.account(), pod.namespace()))
                .distinct()
                .forEach(environment -> {
                    EnvironmentId id = EnvironmentId.of(environment.get(0));
                    once(() -> commands.sendAndWait(new RegisterEnvironment(id, AccountId.of(environment.get(1)),
                            cluster, environment.get(0), environment.get(2), "standard", null, now)));
                    commands.sendAndWait(new StartEnvironment(id, now));
                });
        log.info("Demo cluster '{}' is set up: accounts demo-lab, demo-studio and demo-school", cluster);
    }

    private static PriceBookId demoPriceBook(String currency) {
        return PriceBookId.of("demo-" + currency.toLowerCase(Locale.ROOT));
    }

    /** Runs a creating command, treating "already exists" as done. */
    private static void once(Runnable create) {
        try {
            create.run();
        } catch (AggregateStreamCreationException alreadyThere) {
            // Created by an earlier start.
        }
    }
}
