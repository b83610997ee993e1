package dev.tally.api;

import java.util.ArrayList;
import java.util.List;

/** Collects what is wrong with a request, field by field, so the client hears of every problem at once. */
public final class FieldErrors {

    /** One field's problem, as it appears in a VALIDATION_ERROR's {@code errors}. */
    public record FieldError(String field, String message) {
    }

    /** A request refused for its fields. */
    public static final class Invalid extends DomainException {

        private final List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super(ErrorCode.VALIDATION_ERROR, "the request has invalid fields");
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    /** A required text of 1 to {@code maxLength} characters, not only blanks. */
    public FieldErrors text(String value, String field, int maxLength) {
        return check(value != null && !value.isBlank() && value.length() <= maxLength, field,
                "must be 1 to " + maxLength + " characters");
    }

    public FieldErrors add(String field, String message) {
        return check(false, field, message);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
    }
}
