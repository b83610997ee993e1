package dev.tally.api;

/**
 * A refused command or request. Carries the API's error code so the web layer never parses messages; the message is
 * written for the API's client and must not reveal internals.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;

    public DomainException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static DomainException validation(String message) {
        return new DomainException(ErrorCode.VALIDATION_ERROR, message);
    }

    public static DomainException conflict(String message) {
        return new DomainException(ErrorCode.CONFLICT, message);
    }

    public static DomainException notFound(String message) {
        return new DomainException(ErrorCode.NOT_FOUND, message);
    }
}
