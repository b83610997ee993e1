package dev.tally.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A billable workload's id: a pod or set of pods of one account on one cluster. */
public record EnvironmentId(@JsonValue String value) {

    public EnvironmentId {
        Ids.require("environmentId", value);
    }

    @JsonCreator
    public static EnvironmentId of(String value) {
        return new EnvironmentId(value);
    }

    /** The Environment aggregate's identifier: suffixed, so it never collides with another aggregate's. */
    public String aggregateId() {
        return value + "/environment";
    }

    @Override
    public String toString() {
        return value;
    }
}
