package dev.tally.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A customer account's id. Also names the account's aggregates: see {@link #ledgerId()}. */
public record AccountId(@JsonValue String value) {

    private static final String LEDGER_SUFFIX = "/credits";

    public AccountId {
        Ids.require("accountId", value);
    }

    @JsonCreator
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    /**
     * The Credits aggregate's identifier. Axon's event table is unique on (aggregate id, sequence) across aggregate
     * types, so the ledger cannot share the account's id; '/' cannot occur in an id, so this never collides.
     */
    public String ledgerId() {
        return value + LEDGER_SUFFIX;
    }

    /** The account whose ledger {@link #ledgerId()} is {@code ledgerId}. */
    public static AccountId ofLedger(String ledgerId) {
        if (!ledgerId.endsWith(LEDGER_SUFFIX)) {
            throw new IllegalArgumentException("not a ledger id: " + ledgerId);
        }
        return new AccountId(ledgerId.substring(0, ledgerId.length() - LEDGER_SUFFIX.length()));
    }

    @Override
    public String toString() {
        return value;
    }
}
