package dev.tally.domain;

import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The payloads a fixture's command published, for assertions by value: usage quantities are compared by
 * {@link BigDecimal#compareTo}, so 60 and 60.000 core-seconds are the same quantity, as they are to a price.
 */
public final class PublishedEvents {

    public static final RecursiveComparisonConfiguration BY_VALUE = RecursiveComparisonConfiguration.builder()
            .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
            .build();

    private PublishedEvents() {
    }

    public static List<Object> of(ResultValidator<?> result) {
        List<Object> payloads = new ArrayList<>();
        result.expectEventsMatching(new BaseMatcher<List<EventMessage<?>>>() {
            @Override
            public boolean matches(Object actual) {
                ((List<?>) actual).forEach(message -> payloads.add(((Message<?>) message).getPayload()));
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("any events");
            }
        });
        return payloads;
    }
}
