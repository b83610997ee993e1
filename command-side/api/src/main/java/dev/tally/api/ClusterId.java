package dev.tally.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A Kubernetes cluster's id. */
public record ClusterId(@JsonValue String value) {

    public ClusterId {
        Ids.require("clusterId", value);
    }

    @JsonCreator
    public static ClusterId of(String value) {
        return new ClusterId(value);
    }

    /** The Cluster aggregate's identifier: suffixed, so it never collides with an account's (see AccountId). */
    public String aggregateId() {
        return value + "/cluster";
    }

    @Override
    public String toString() {
        return value;
    }
}
