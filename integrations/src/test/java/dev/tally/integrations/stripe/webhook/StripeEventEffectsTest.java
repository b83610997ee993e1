package dev.tally.integrations.stripe.webhook;

import com.stripe.model.Event;
import dev.tally.api.AccountId;
import dev.tally.api.DomainException;
import dev.tally.api.ErrorCode;
import dev.tally.api.InvoiceId;
import dev.tally.api.Money;
import dev.tally.api.billing.MarkInvoicePaid;
import dev.tally.api.billing.MarkInvoicePaymentFailed;
import dev.tally.integrations.stripe.StripeProperties;
import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.credits.HoldCredits;
import dev.tally.api.credits.ReversePurchase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.tally.integrations.stripe.webhook.StripePayloads.charge;
import static dev.tally.integrations.stripe.webhook.StripePayloads.checkoutSession;
import static dev.tally.integrations.stripe.webhook.StripePayloads.customer;
import static dev.tally.integrations.stripe.webhook.StripePayloads.dispute;
import static dev.tally.integrations.stripe.webhook.StripePayloads.event;
import static dev.tally.integrations.stripe.webhook.StripePayloads.invoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Each event Tally acts on becomes the commands its object asks for; the rest is ignored, with why. */
class StripeEventEffectsTest {

    private static final Instant NOW = Instant.parse("2026-11-02T09:31:00Z");
    private static final AccountId ACME = AccountId.of("acme");
    private static final String PAYMENT_INTENT = "pi_3SPk2wLkdIwHu7ix1AbCdEfG";
    private static final String GRANT = "stripe-" + PAYMENT_INTENT;

    private final PurchaseLedger ledger = mock(PurchaseLedger.class);
    private final StripeEventEffects effects = new StripeEventEffects(ledger, Clock.fixed(NOW, ZoneOffset.UTC));

    private static final String SECRET = "whsec_3f9c2a7e41b84d0f9e6a5c3b2d1e0f7a";
    private static final StripeSignature SIGNATURE = new StripeSignature(
            new StripeProperties(null, SECRET, null, null, null), Clock.fixed(NOW, ZoneOffset.UTC));

    /** Read as the webhook reads it: verified and parsed by stripe-java. */
    private static Event parsed(String payload) {
        return SIGNATURE.verify(payload, StripeSigner.header(SECRET, payload, NOW));
    }

    private StripeEffect effectOf(String type, String object) {
        return effects.of(parsed(event("evt_1SPk3xLkdIwHu7ixK2m4n6p8", type, object)));
    }

    @Test
    void aPaidCheckoutGrantsItsTotalAsPurchasedCreditsNamedAfterThePayment() {
        assertThat(effectOf("checkout.session.completed",
                checkoutSession("cs_test_a1", PAYMENT_INTENT, "acme", 10000, "eur", "paid")))
                .isEqualTo(StripeEffect.send(new GrantCredits(ACME, GRANT, GrantKind.PURCHASE,
                        Money.of("100.00", "EUR"), NOW, null, "Stripe Checkout cs_test_a1")));
    }

    @Test
    void anEventOfAnotherApiVersionThanStripeJavasIsReadToo() {
        String payload = event("evt_1SPk3xLkdIwHu7ixK2m4n6p8", "checkout.session.completed",
                checkoutSession("cs_test_a1", PAYMENT_INTENT, "acme", 10000, "eur", "paid"))
                .replace(StripePayloads.API_VERSION, "2024-06-20");

        assertThat(effects.of(parsed(payload))).isInstanceOf(StripeEffect.Commands.class);
    }

    @Test
    void aCheckoutPaidLaterGrantsWhenItsPaymentSucceeds() {
        assertThat(effectOf("checkout.session.async_payment_succeeded",
                checkoutSession("cs_test_a2", PAYMENT_INTENT, "acme", 2500, "eur", "paid")))
                .isEqualTo(StripeEffect.send(new GrantCredits(ACME, GRANT, GrantKind.PURCHASE,
                        Money.of("25.00", "EUR"), NOW, null, "Stripe Checkout cs_test_a2")));
    }

    static Stream<Arguments> eventsTallyDoesNotActOn() {
        return Stream.of(
                Arguments.of("customer.created", customer("cus_TQ8kD2mXbq4ZpA")),
                Arguments.of("checkout.session.completed",
                        checkoutSession("cs_test_b1", null, "acme", 10000, "eur", "unpaid")),
                Arguments.of("checkout.session.completed",
                        checkoutSession("cs_test_b2", PAYMENT_INTENT, null, 10000, "eur", "paid")),
                Arguments.of("invoice.payment_succeeded", invoice("in_1SPk", null, true, 1, null)),
                Arguments.of("invoice.payment_failed", invoice("in_1SPk", null, false, 1, null)),
                Arguments.of("charge.refunded", charge("ch_1", null, 10000, 10000, "eur", null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventsTallyDoesNotActOn")
    void eventsThatAreNotTallysAreIgnoredWithAReason(String type, String object) {
        assertThat(effectOf(type, object)).isInstanceOfSatisfying(StripeEffect.Ignored.class,
                ignored -> assertThat(ignored.reason()).isNotBlank());
        verifyNoInteractions(ledger);
    }

    @Test
    void aPaidInvoiceMarksTallysInvoicePaidWithStripesInvoiceAsReference() {
        assertThat(effectOf("invoice.payment_succeeded", invoice("in_1SPk", "acme-2026-10", true, 1, null)))
                .isEqualTo(StripeEffect.send(new MarkInvoicePaid(InvoiceId.of("acme-2026-10"), NOW, "in_1SPk")));
    }

    @Test
    void aFailedInvoicePaymentSaysWhichAttemptFailedAndWhenStripeTriesAgain() {
        Instant nextAttempt = Instant.parse("2026-11-05T09:30:00Z");

        assertThat(effectOf("invoice.payment_failed", invoice("in_1SPk", "acme-2026-10", false, 2, nextAttempt)))
                .isEqualTo(StripeEffect.send(new MarkInvoicePaymentFailed(InvoiceId.of("acme-2026-10"), NOW,
                        "payment attempt 2 of Stripe invoice in_1SPk failed; Stripe tries again at "
                                + "2026-11-05T09:30:00Z")));
    }

    @Test
    void aRefundReversesTheRefundedTotalOfThePurchaseOfTheAccountInTheChargesMetadata() {
        assertThat(effectOf("charge.refunded", charge("ch_3SPk", PAYMENT_INTENT, 10000, 3000, "eur", "acme")))
                .isEqualTo(StripeEffect.send(new ReversePurchase(ACME, GRANT, Money.of("30.00", "EUR"),
                        "refunded in Stripe (charge ch_3SPk)", NOW)));
        verifyNoInteractions(ledger);
    }

    @Test
    void aRefundWithoutMetadataFindsTheAccountHoldingThePurchase() {
        when(ledger.accountHolding(GRANT)).thenReturn(Optional.of(ACME));

        assertThat(effectOf("charge.refunded", charge("ch_3SPk", PAYMENT_INTENT, 10000, 10000, "eur", null)))
                .isEqualTo(StripeEffect.send(new ReversePurchase(ACME, GRANT, Money.of("100.00", "EUR"),
                        "refunded in Stripe (charge ch_3SPk)", NOW)));
    }

    @Test
    void aDisputeHoldsTheDisputedAmountOfThePurchase() {
        when(ledger.accountHolding(GRANT)).thenReturn(Optional.of(ACME));

        assertThat(effectOf("charge.dispute.created", dispute("dp_1SPk", "ch_3SPk", PAYMENT_INTENT, 2500, "eur")))
                .isEqualTo(StripeEffect.send(new HoldCredits(ACME, "stripe-dp_1SPk", GRANT,
                        Money.of("25.00", "EUR"), "disputed in Stripe (dp_1SPk, fraudulent)", NOW)));
    }

    @Test
    void aPaymentNoAccountHoldsIsNotFoundSoStripeDeliversItAgain() {
        when(ledger.accountHolding(GRANT)).thenReturn(Optional.empty());

        assertThatThrownBy(() -> effectOf("charge.dispute.created",
                dispute("dp_1SPk", "ch_3SPk", PAYMENT_INTENT, 2500, "eur")))
                .isInstanceOfSatisfying(DomainException.class,
                        notFound -> assertThat(notFound.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
