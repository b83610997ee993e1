package dev.tally.domain.account;

import dev.tally.api.FieldErrors;
import dev.tally.api.Ids;
import dev.tally.api.account.BillingMode;

/** POST /accounts. {@code id} and {@code priceBookId} are optional. */
record OpenAccountRequest(String id,
                          String email,
                          String name,
                          String currency,
                          BillingMode billingMode,
                          String subject,
                          String priceBookId) {

    void validate(FieldErrors errors) {
        errors.check(id == null || Ids.isValid(id), "id", Ids.RULE)
                .check(email != null && email.length() <= 320 && email.matches("[^@\\s]+@[^@\\s]+"), "email",
                        "must be an e-mail address")
                .text(name, "name", 200)
                .check(billingMode != null, "billingMode", "must be PREPAID or POSTPAID")
                .check(subject == null || (!subject.isBlank() && subject.length() <= 255), "subject",
                        "must be 1 to 255 characters")
                .check(priceBookId == null || Ids.isValid(priceBookId), "priceBookId", "must be a valid id");
    }
}
