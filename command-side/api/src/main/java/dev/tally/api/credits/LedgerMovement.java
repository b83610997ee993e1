package dev.tally.api.credits;

import dev.tally.api.PriceBookId;

import java.util.List;
import java.util.Optional;

/**
 * What one ledger event moves: its postings, the business {@code kind} of the movement ({@code GRANT_PURCHASE},
 * {@code EXPIRY}, {@code USAGE_CHARGE}, {@code DEBT_SETTLED}, {@code REFUND}, {@code REVERSAL},
 * {@code INVOICE_PAYMENT}, {@code PURCHASE_REFUNDED}, {@code DISPUTE_HOLD}) and what it traces back to: the grant it
 * moved, the usage (or, for a reversal, the charge) and prices it was rated with, or the invoice it paid. The one
 * reading of the ledger's events, shared by the ledger read model, the audit replay and the exports.
 */
public record LedgerMovement(String kind,
                             String grantId,
                             String usageId,
                             PriceBookId priceBookId,
                             Integer priceVersion,
                             String invoiceId,
                             List<Posting> postings) {

    /** The movement of a ledger event, or empty for one that moves no money (opened, thresholds, periods). */
    public static Optional<LedgerMovement> of(Object event) {
        return Optional.ofNullable(switch (event) {
            case CreditsGranted e -> grant("GRANT_" + e.kind(), e.grantId(), e.debit(), e.credit(), e.amount());
            case CreditsExpired e -> grant("EXPIRY", e.grantId(), e.debit(), e.credit(), e.amount());
            case UsageCharged e -> new LedgerMovement("USAGE_CHARGE", null, e.usageId(), e.priceBookId(),
                    e.priceVersion(), null, e.postings());
            case DebtSettled e -> grant("DEBT_SETTLED", e.grantId(), e.debit(), e.credit(), e.amount());
            case CreditsRefunded e -> grant("REFUND", e.grantId(), e.debit(), e.credit(), e.amount());
            case ChargeReversed e -> new LedgerMovement("REVERSAL", null, e.chargeId(), null, null, null,
                    List.of(new Posting(e.debit(), e.credit(), e.amount())));
            case InvoicePaymentReceived e -> new LedgerMovement("INVOICE_PAYMENT", null, null, null, null,
                    e.invoiceId().value(), List.of(new Posting(e.debit(), e.credit(), e.amount())));
            case PurchaseReversed e -> grant("PURCHASE_REFUNDED", e.grantId(), e.debit(), e.credit(), e.amount());
            case CreditsHeld e -> grant("DISPUTE_HOLD", e.grantId(), e.debit(), e.credit(), e.amount());
            default -> null;
        });
    }

    private static LedgerMovement grant(String kind, String grantId, LedgerAccount debit, LedgerAccount credit,
                                        dev.tally.api.Money amount) {
        return new LedgerMovement(kind, grantId, null, null, null, null, List.of(new Posting(debit, credit, amount)));
    }
}
