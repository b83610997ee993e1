package dev.tally.api.credits;

/** The payload of the deadline scheduled at a grant's expiry. */
public record GrantExpiryDue(String grantId) {

    public static final String DEADLINE_NAME = "credit-grant-expiry";
}
