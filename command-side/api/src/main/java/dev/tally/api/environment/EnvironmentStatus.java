package dev.tally.api.environment;

public enum EnvironmentStatus {
    REGISTERED,
    RUNNING,
    STOPPED,
    DELETED
}
