package dev.tally.api.account;

public enum AccountStatus {
    ACTIVE,
    SUSPENDED,
    CLOSED
}
