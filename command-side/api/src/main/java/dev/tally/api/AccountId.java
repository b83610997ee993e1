package dev.tally.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A customer account's id. Also names the account's aggregates: see {@link #ledgerId()}. */
public record AccountId(@JsonValue String value) {

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
        return value + "/credits";
    }

    @Override
    public String toString() {
        return value;
    }
}
