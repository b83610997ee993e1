package dev.tally.app.security;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import java.util.List;

import static dev.tally.schema.jooq.Tables.ACCOUNT;
import static dev.tally.schema.jooq.Tables.ENVIRONMENT;
import static dev.tally.schema.jooq.Tables.INVOICE;

/**
 * Which accounts a user (a JWT from the OpenID Connect issuer) may see: those linked to its subject, and those opened
 * with its e-mail address (seed 001 matches users by e-mail between systems) unless the token says the address is
 * not verified ({@code email_verified: false}), so nobody claims an account by signing up with another's address. Something that does not exist is not
 * the user's either, so a user learns nothing of other accounts from the answer.
 */
@Component
public class AccountOwnership {

    private final DSLContext db;

    public AccountOwnership(DSLContext db) {
        this.db = db;
    }

    public boolean ownsAccount(Authentication caller, String accountId) {
        return accountId != null && db.fetchExists(ACCOUNT, ACCOUNT.ID.eq(accountId).and(linkedTo(caller)));
    }

    public boolean ownsInvoice(Authentication caller, String invoiceId) {
        return invoiceId != null && ownsAccount(caller, db.select(INVOICE.ACCOUNT_ID).from(INVOICE)
                .where(INVOICE.ID.eq(invoiceId)).fetchOne(INVOICE.ACCOUNT_ID));
    }

    public boolean ownsEnvironment(Authentication caller, String environmentId) {
        return environmentId != null && ownsAccount(caller, db.select(ENVIRONMENT.ACCOUNT_ID).from(ENVIRONMENT)
                .where(ENVIRONMENT.ID.eq(environmentId)).fetchOne(ENVIRONMENT.ACCOUNT_ID));
    }

    /** The caller's accounts, by id; none for a caller that is not a user. */
    public List<OwnAccount> accountsOf(Authentication caller) {
        return db.select(ACCOUNT.ID, ACCOUNT.NAME, ACCOUNT.EMAIL, ACCOUNT.CURRENCY, ACCOUNT.BILLING_MODE, ACCOUNT.STATUS)
                .from(ACCOUNT).where(linkedTo(caller)).orderBy(ACCOUNT.ID)
                .fetch(row -> new OwnAccount(row.value1(), row.value2(), row.value3(), row.value4(), row.value5(),
                        row.value6()));
    }

    /** One of a user's accounts, as {@code GET /me} lists it. */
    public record OwnAccount(String id, String name, String email, String currency, String billingMode,
                             String status) {
    }

    private static Condition linkedTo(Authentication caller) {
        if (!(caller instanceof JwtAuthenticationToken user)) {
            return DSL.falseCondition();
        }
        Jwt token = user.getToken();
        Condition linked = token.getSubject() == null ? DSL.falseCondition() : ACCOUNT.SUBJECT.eq(token.getSubject());
        String email = token.getClaimAsString("email");
        boolean unverified = Boolean.FALSE.equals(token.getClaimAsBoolean("email_verified"));
        return email == null || email.isBlank() || unverified ? linked
                : linked.or(DSL.lower(ACCOUNT.EMAIL).eq(email.toLowerCase(java.util.Locale.ROOT)));
    }
}
