package dev.tally.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An invoice's id: the account's and the closed period's end, so closing a period twice names the same invoice. */
public record InvoiceId(@JsonValue String value) {

    public InvoiceId {
        Ids.require("invoiceId", value);
    }

    @JsonCreator
    public static InvoiceId of(String value) {
        return new InvoiceId(value);
    }

    /** The Invoice aggregate's identifier: suffixed, so it never collides with another aggregate's. */
    public String aggregateId() {
        return value + "/invoice";
    }

    @Override
    public String toString() {
        return value;
    }
}
