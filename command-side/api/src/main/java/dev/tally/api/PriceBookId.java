package dev.tally.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A price book's id. */
public record PriceBookId(@JsonValue String value) {

    public PriceBookId {
        Ids.require("priceBookId", value);
    }

    @JsonCreator
    public static PriceBookId of(String value) {
        return new PriceBookId(value);
    }

    /** The PriceBook aggregate's identifier: suffixed, so it never collides with another aggregate's. */
    public String aggregateId() {
        return value + "/pricebook";
    }

    @Override
    public String toString() {
        return value;
    }
}
