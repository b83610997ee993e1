package dev.tally.integrations.stripe.webhook;

import dev.tally.api.AccountId;
import dev.tally.api.credits.GrantKind;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.util.Optional;

import static dev.tally.schema.jooq.Tables.LEDGER_ENTRY;

/**
 * Which account holds a purchase grant, from the "ledger" read model. A dispute names only its payment, and Stripe
 * does not promise to copy a PaymentIntent's metadata onto its charge, so the grant is how a payment finds its
 * account.
 */
@Component
public class PurchaseLedger {

    /** The ledger read model's kind of a purchase grant's posting. */
    private static final String PURCHASE_GRANTED = "GRANT_" + GrantKind.PURCHASE;

    private final DSLContext db;

    public PurchaseLedger(DSLContext db) {
        this.db = db;
    }

    /** Empty when no account holds it, or not yet: the read model follows the event store a moment behind. */
    public Optional<AccountId> accountHolding(String grantId) {
        return db.select(LEDGER_ENTRY.ACCOUNT_ID)
                .from(LEDGER_ENTRY)
                .where(LEDGER_ENTRY.GRANT_ID.eq(grantId), LEDGER_ENTRY.KIND.eq(PURCHASE_GRANTED))
                .orderBy(LEDGER_ENTRY.AT)
                .limit(1)
                .fetchOptional(LEDGER_ENTRY.ACCOUNT_ID)
                .map(AccountId::of);
    }
}
