package dev.tally.api.activity;

import java.time.Instant;

/**
 * An admin's command that the engine accepted: who ({@code actor}, e.g. {@code admin} or {@code key:<id>}, and its
 * role), what ({@code method} and {@code path}, and the {@code status} it answered) and when ({@code at}).
 */
public record AdminCommandRecorded(String actor, String role, String method, String path, int status, Instant at) {
}
