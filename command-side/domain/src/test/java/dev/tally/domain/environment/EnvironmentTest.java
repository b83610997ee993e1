package dev.tally.domain.environment;

import dev.tally.api.AccountId;
import dev.tally.api.ClusterId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.environment.DeleteEnvironment;
import dev.tally.api.environment.EnvironmentDeleted;
import dev.tally.api.environment.EnvironmentRegistered;
import dev.tally.api.environment.EnvironmentResized;
import dev.tally.api.environment.EnvironmentStarted;
import dev.tally.api.environment.EnvironmentStopped;
import dev.tally.api.environment.RegisterEnvironment;
import dev.tally.api.environment.ResizeEnvironment;
import dev.tally.api.environment.Resources;
import dev.tally.api.environment.StartEnvironment;
import dev.tally.api.environment.StopEnvironment;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.stream.Stream;

import static dev.tally.api.ErrorCode.CONFLICT;
import static dev.tally.domain.DomainExceptionMatcher.domainException;

class EnvironmentTest {

    private static final EnvironmentId NOTEBOOK = EnvironmentId.of("notebook");
    private static final AccountId ACME = AccountId.of("acme");
    private static final ClusterId EU_1 = ClusterId.of("eu-1");
    private static final Instant REGISTERED_AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant AT = Instant.parse("2026-03-01T11:00:00Z");
    private static final Instant LATER = Instant.parse("2026-03-01T12:00:00Z");
    private static final Resources SMALL = new Resources(new BigDecimal("2"), 4L << 30, 0);
    private static final Resources LARGE = new Resources(new BigDecimal("8"), 32L << 30, 1);

    private AggregateTestFixture<EnvironmentAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(EnvironmentAggregate.class);
    }

    @Test
    void canRegisterEnvironment() {
        fixture.givenNoPriorActivity()
                .when(new RegisterEnvironment(NOTEBOOK, ACME, EU_1, "Notebook", "acme-ns", "pro", 480, REGISTERED_AT))
                .expectEvents(registered());
    }

    @Test
    void canStartRegisteredEnvironment() {
        fixture.given(registered())
                .when(new StartEnvironment(NOTEBOOK, AT))
                .expectEvents(new EnvironmentStarted(NOTEBOOK, ACME, EU_1, AT));
    }

    @Test
    void startingRunningEnvironmentChangesNothing() {
        fixture.given(registered(), new EnvironmentStarted(NOTEBOOK, ACME, EU_1, AT))
                .when(new StartEnvironment(NOTEBOOK, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canStopRunningEnvironment() {
        fixture.given(registered(), new EnvironmentStarted(NOTEBOOK, ACME, EU_1, AT))
                .when(new StopEnvironment(NOTEBOOK, LATER))
                .expectEvents(new EnvironmentStopped(NOTEBOOK, ACME, EU_1, LATER));
    }

    @Test
    void stoppingEnvironmentThatNeverRanChangesNothing() {
        fixture.given(registered())
                .when(new StopEnvironment(NOTEBOOK, AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void stoppingStoppedEnvironmentChangesNothing() {
        fixture.given(registered(), new EnvironmentStarted(NOTEBOOK, ACME, EU_1, AT),
                        new EnvironmentStopped(NOTEBOOK, ACME, EU_1, AT))
                .when(new StopEnvironment(NOTEBOOK, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canStartStoppedEnvironmentAgain() {
        fixture.given(registered(), new EnvironmentStarted(NOTEBOOK, ACME, EU_1, AT),
                        new EnvironmentStopped(NOTEBOOK, ACME, EU_1, AT))
                .when(new StartEnvironment(NOTEBOOK, LATER))
                .expectEvents(new EnvironmentStarted(NOTEBOOK, ACME, EU_1, LATER));
    }

    @Test
    void canResizeEnvironment() {
        fixture.given(registered())
                .when(new ResizeEnvironment(NOTEBOOK, SMALL, AT))
                .expectEvents(new EnvironmentResized(NOTEBOOK, ACME, SMALL, AT));
    }

    @Test
    void canResizeEnvironmentAgain() {
        fixture.given(registered(), new EnvironmentResized(NOTEBOOK, ACME, SMALL, AT))
                .when(new ResizeEnvironment(NOTEBOOK, LARGE, LATER))
                .expectEvents(new EnvironmentResized(NOTEBOOK, ACME, LARGE, LATER));
    }

    @Test
    void resizingToTheCurrentSizeChangesNothing() {
        fixture.given(registered(), new EnvironmentResized(NOTEBOOK, ACME, SMALL, AT))
                .when(new ResizeEnvironment(NOTEBOOK, SMALL, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canDeleteRunningEnvironment() {
        fixture.given(registered(), new EnvironmentStarted(NOTEBOOK, ACME, EU_1, AT))
                .when(new DeleteEnvironment(NOTEBOOK, LATER))
                .expectEvents(new EnvironmentDeleted(NOTEBOOK, ACME, EU_1, LATER));
    }

    @Test
    void repeatedDeleteChangesNothing() {
        fixture.given(registered(), new EnvironmentDeleted(NOTEBOOK, ACME, EU_1, AT))
                .when(new DeleteEnvironment(NOTEBOOK, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycleCommands")
    void cannotChangeDeletedEnvironment(Object command) {
        fixture.given(registered(), new EnvironmentStarted(NOTEBOOK, ACME, EU_1, AT),
                        new EnvironmentDeleted(NOTEBOOK, ACME, EU_1, AT))
                .when(command)
                .expectException(domainException(CONFLICT))
                .expectNoEvents();
    }

    static Stream<Object> lifecycleCommands() {
        return Stream.of(new StartEnvironment(NOTEBOOK, LATER), new StopEnvironment(NOTEBOOK, LATER),
                new ResizeEnvironment(NOTEBOOK, LARGE, LATER));
    }

    private static EnvironmentRegistered registered() {
        return new EnvironmentRegistered(NOTEBOOK, ACME, EU_1, "Notebook", "acme-ns", "pro", 480, REGISTERED_AT);
    }
}
