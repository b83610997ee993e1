package dev.tally.integrations.kubernetes;

/**
 * A cluster cannot be read for a reason the operator has to fix (credentials, a missing file, no kubelet stats).
 * The message is short and meant for them; there is no stack trace worth keeping.
 */
class ClusterAccessException extends RuntimeException {

    ClusterAccessException(String message) {
        super(message, null, false, false);
    }
}
