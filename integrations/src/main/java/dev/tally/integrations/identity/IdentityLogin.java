package dev.tally.integrations.identity;

import dev.tally.api.DomainException;
import dev.tally.api.FieldErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the identity provider says about a user who just signed in: {@code subject} (its user id), {@code email},
 * {@code name} (optional: the e-mail stands in) and {@code emailVerified} (optional: when false the e-mail is not
 * trusted to link an account an admin opened). Fields it adds besides are ignored, so a richer action keeps working.
 */
record IdentityLogin(String subject, String email, String name, Boolean emailVerified) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Read from a verified body; VALIDATION_ERROR naming every field at fault. */
    static IdentityLogin parse(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JacksonException e) {
            throw DomainException.validation("the body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw DomainException.validation("the body must be a JSON object {subject, email, name}");
        }
        FieldErrors errors = new FieldErrors();
        String subject = text(json, "subject", errors);
        String email = text(json, "email", errors);
        String name = text(json, "name", errors);
        JsonNode verified = json.path("emailVerified");
        errors.check(verified.isMissingNode() || verified.isNull() || verified.isBoolean(), "emailVerified",
                        "must be true or false")
                .text(subject, "subject", 255)
                .check(email != null && email.length() <= 320 && email.matches("[^@\\s]+@[^@\\s]+"), "email",
                        "must be an e-mail address")
                .check(name == null || name.length() <= 200, "name", "must be at most 200 characters")
                .throwIfAny();
        return new IdentityLogin(subject, email, name == null || name.isBlank() ? email : name,
                verified.isBoolean() ? verified.booleanValue() : null);
    }

    /** False only when the provider said the e-mail is not verified. */
    boolean emailTrusted() {
        return !Boolean.FALSE.equals(emailVerified);
    }

    private static String text(JsonNode json, String field, FieldErrors errors) {
        JsonNode value = json.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        errors.check(value.isString(), field, "must be a string");
        return value.isString() ? value.stringValue() : null;
    }
}
