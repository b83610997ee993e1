package dev.tally.domain.stripe;

import dev.tally.api.stripe.RecordStripeEvent;
import dev.tally.api.stripe.StripeEventReceived;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.tally.api.ErrorCode.VALIDATION_ERROR;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeEventTest {

    private static final String EVENT_ID = "evt_1QfR8dLkdIwHu7ixT2c9aBcD";
    private static final String TYPE = "checkout.session.completed";
    private static final Instant RECEIVED_AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant REDELIVERED_AT = Instant.parse("2026-03-01T11:00:00Z");

    private AggregateTestFixture<StripeEvent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StripeEvent.class);
    }

    @Test
    void recordsAStripeEventTheFirstTime() {
        fixture.givenNoPriorActivity()
                .when(new RecordStripeEvent(EVENT_ID, TYPE, RECEIVED_AT))
                .expectEvents(new StripeEventReceived(EVENT_ID, TYPE, RECEIVED_AT))
                .expectResultMessagePayload(true);
    }

    @Test
    void aRedeliveredStripeEventChangesNothing() {
        fixture.given(new StripeEventReceived(EVENT_ID, TYPE, RECEIVED_AT))
                .when(new RecordStripeEvent(EVENT_ID, TYPE, REDELIVERED_AT))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void cannotRecordAnEventIdThatCannotNameAnAggregate() {
        assertThatThrownBy(() -> new RecordStripeEvent("evt/other", TYPE, RECEIVED_AT))
                .hasFieldOrPropertyWithValue("code", VALIDATION_ERROR);
    }
}
