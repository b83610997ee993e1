package dev.tally.query.audit;

import java.util.List;

/**
 * One place where a read model says something other than the events: the read model and the row ({@code key}), the
 * field, what the replay expected and what the row holds ({@code null} for a missing or an unexpected row), and the
 * events behind the expected value (the latest ones, for a running total).
 */
public record Mismatch(String accountId,
                       String readModel,
                       String key,
                       String field,
                       String expected,
                       String actual,
                       List<String> eventIds) {
}
