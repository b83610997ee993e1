package dev.tally.domain.credits;

import dev.tally.api.FieldErrors;
import dev.tally.api.Ids;
import dev.tally.api.MoneyRequest;
import dev.tally.api.credits.GrantKind;

import java.time.Instant;

/** POST /accounts/{id}/credit-grants. {@code grantId}, {@code expiresAt} and {@code note} are optional. */
record GrantCreditsRequest(String grantId, GrantKind kind, MoneyRequest amount, Instant expiresAt, String note) {

    void validate(FieldErrors errors) {
        errors.check(grantId == null || Ids.isValid(grantId), "grantId", Ids.RULE)
                .check(kind != null, "kind", "must be PURCHASE, ADMIN, VOUCHER or PROMOTION")
                .check(amount != null, "amount", "is required: {\"amount\": \"100.00\", \"currency\": \"EUR\"}")
                .check(note == null || note.length() <= 500, "note", "must be at most 500 characters");
    }
}
