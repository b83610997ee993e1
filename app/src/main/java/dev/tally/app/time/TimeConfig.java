package dev.tally.app.time;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.serialization.Serializer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's one "now", and the durable scheduler that follows it. Deadlines (such as a grant's expiry) are rows
 * in db-scheduler's table, written in the transaction of the event that set them, executed once across nodes.
 */
@Configuration(proxyBeanMethods = false)
public class TimeConfig {

    private static final Logger log = LoggerFactory.getLogger(TimeConfig.class);

    @Bean
    Clock clock(TestClockProperties testClock, DSLContext db) {
        // Microseconds: what PostgreSQL keeps, so an instant answered on a write reads back the same.
        Clock system = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
        Clock clock = testClock.enabled() ? TestClock.resume(testClock.start(), db, system) : system;
        if (testClock.enabled()) {
            log.warn("TALLY_TEST_CLOCK is on: the engine's clock stands at {} and moves only through "
                    + "POST /api/v1/admin/test-clock. Never in production.", clock.instant());
        }
        return clock;
    }

    /**
     * Axon stamps events and deadline messages with its own static clock: the engine's while it runs, and the one
     * before it once it stops, so engines started one after another in a JVM (tests) each stamp with their own.
     */
    @Bean(destroyMethod = "close")
    AutoCloseable axonEventClock(Clock clock) {
        Clock previous = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
        return () -> {
            if (GenericEventMessage.clock == clock) {
                GenericEventMessage.clock = previous;
            }
        };
    }

    /**
     * Axon's deadlines, and every other {@code Task} bean (scheduled jobs such as cluster collection); recurring
     * tasks are scheduled on start.
     */
    @Bean
    Scheduler scheduler(DataSource dataSource, Clock clock, ApplicationContext context,
                        ObjectProvider<Task<?>> jobs) {
        List<Task<?>> tasks = new ArrayList<>();
        List<RecurringTask<?>> recurring = new ArrayList<>();
        jobs.orderedStream().forEach(job -> {
            if (job instanceof RecurringTask<?> startOnStartup) {
                recurring.add(startOnStartup);
            } else {
                tasks.add(job);
            }
        });
        tasks.add(DbSchedulerDeadlineManager.binaryTask(() -> context.getBean(DbSchedulerDeadlineManager.class)));
        // The proxy lets a deadline be scheduled inside the Spring transaction that appends its event.
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
                .startTasks(recurring)
                .clock(clock::instant)
                .threads(2)
                .pollingInterval(Duration.ofSeconds(2))
                .enableImmediateExecution()
                .build();
    }

    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler scheduler,
                                               org.axonframework.config.Configuration configuration,
                                               Serializer serializer,
                                               TransactionManager transactionManager) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .startScheduler(false)
                .stopScheduler(false)
                .build();
    }

    /** Starts executing due deadlines once Axon's aggregates and processors are up; stops before they go down. */
    @Bean
    SchedulerLifecycle schedulerLifecycle(Scheduler scheduler) {
        return new SchedulerLifecycle(scheduler);
    }

    record SchedulerLifecycle(Scheduler scheduler) {

        @EventListener(ApplicationReadyEvent.class)
        public void start() {
            scheduler.start();
        }

        @EventListener(ContextClosedEvent.class)
        public void stop() {
            scheduler.stop();
        }
    }
}
