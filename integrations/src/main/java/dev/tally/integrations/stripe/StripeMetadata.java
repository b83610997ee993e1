package dev.tally.integrations.stripe;

/**
 * The metadata keys Tally puts on Stripe objects, so a webhook (and a person in Stripe's dashboard) can tell which
 * Tally account, purchase or invoice an object belongs to.
 */
public final class StripeMetadata {

    public static final String ACCOUNT_ID = "tallyAccountId";
    /** A purchase's amount as API.md writes money ("100.00"), with {@link #CURRENCY} ("EUR"). */
    public static final String AMOUNT = "tallyAmount";
    public static final String CURRENCY = "tallyCurrency";
    public static final String INVOICE_ID = "tallyInvoiceId";
    public static final String INVOICE_NUMBER = "tallyInvoiceNumber";

    private StripeMetadata() {
    }
}
