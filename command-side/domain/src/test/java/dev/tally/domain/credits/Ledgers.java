package dev.tally.domain.credits;

import dev.tally.api.AccountId;
import dev.tally.api.EnvironmentId;
import dev.tally.api.Money;
import dev.tally.api.PriceBookId;
import dev.tally.api.account.BillingMode;
import dev.tally.api.credits.AssignLedgerPriceBook;
import dev.tally.api.credits.ChargeUsage;
import dev.tally.api.credits.CreditPolicy;
import dev.tally.api.credits.CreditsGranted;
import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.credits.LedgerAccount;
import dev.tally.api.credits.OpenCreditLedger;
import dev.tally.api.credits.RefundCredits;
import dev.tally.api.credits.ReverseCharge;
import dev.tally.api.credits.SetLowBalanceThreshold;
import dev.tally.api.metering.MeteredQuantity;
import dev.tally.domain.PublishedEvents;
import dev.tally.domain.pricing.Seed004;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the ledger tests share: account acme's EUR ledger, rated with seed 004's prices (in force from
 * {@link #PRICES_FROM}), and the commands and events they are made of.
 */
final class Ledgers {

    static final AccountId ACME = AccountId.of("acme");
    static final String LEDGER = ACME.ledgerId();
    static final Currency EUR = Currency.getInstance("EUR");
    static final PriceBookId STANDARD = PriceBookId.of("standard");
    static final Instant PRICES_FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final FixedPriceRating SEED_004_PRICES = new FixedPriceRating(STANDARD, PRICES_FROM, Seed004.RATES);
    /** When the commands of a test are sent, and the start of the windows they charge. */
    static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");
    static final Instant LAST_WEEK = NOW.minus(Duration.ofDays(7));
    static final Instant YESTERDAY = NOW.minus(Duration.ofDays(1));
    static final Instant TOMORROW = NOW.plus(Duration.ofDays(1));
    static final String REASON = "support ticket 42";

    private Ledgers() {
    }

    /** A fixture whose ledger rates usage with seed 004's prices and may go below zero as far as {@code policy} says. */
    static AggregateTestFixture<Credits> fixture(CreditPolicy policy) {
        AggregateTestFixture<Credits> fixture = new AggregateTestFixture<>(Credits.class);
        fixture.registerInjectableResource(SEED_004_PRICES);
        fixture.registerInjectableResource(policy);
        return fixture;
    }

    static CreditPolicy allowance(String amount) {
        return currency -> new Money(new BigDecimal(amount), currency);
    }

    static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    static OpenCreditLedger open(BillingMode billingMode) {
        return new OpenCreditLedger(ACME, EUR, billingMode);
    }

    static AssignLedgerPriceBook assignStandard() {
        return new AssignLedgerPriceBook(ACME, STANDARD);
    }

    static GrantCredits grant(String grantId, GrantKind kind, String amount, Instant grantedAt, Instant expiresAt) {
        return new GrantCredits(ACME, grantId, kind, eur(amount), grantedAt, expiresAt, null);
    }

    /** A grant made last week that never expires. */
    static GrantCredits grant(String grantId, GrantKind kind, String amount) {
        return grant(grantId, kind, amount, LAST_WEEK, null);
    }

    static CreditsGranted granted(GrantCredits grant) {
        return new CreditsGranted(ACME, grant.grantId(), grant.kind(), grant.amount(), grant.grantedAt(),
                grant.expiresAt(), grant.note(), LedgerAccount.fundingFor(grant.kind()), LedgerAccount.CUSTOMER_CREDIT);
    }

    /**
     * An hour of usage from {@code from}, of an environment of its own: the ledger takes an environment's windows
     * only in order, and tests charge several usages at the same instant.
     */
    static ChargeUsage charge(String usageId, Instant from, List<MeteredQuantity> quantities) {
        return new ChargeUsage(ACME, usageId, environmentOf(usageId), from, from.plus(Duration.ofHours(1)),
                quantities);
    }

    static EnvironmentId environmentOf(String usageId) {
        return EnvironmentId.of("env-" + usageId);
    }

    /** An hour of CPU from {@link #NOW} that costs exactly {@code amount}. */
    static ChargeUsage chargeOf(String usageId, String amount) {
        return chargeOf(usageId, NOW, amount);
    }

    static ChargeUsage chargeOf(String usageId, Instant from, String amount) {
        return charge(usageId, from, List.of(Seed004.cpuCosting(new BigDecimal(amount))));
    }

    static RefundCredits refund(String refundId, String grantId, Money amount) {
        return new RefundCredits(ACME, refundId, grantId, amount, REASON, NOW);
    }

    static ReverseCharge reverse(String reversalId, Money amount) {
        return new ReverseCharge(ACME, reversalId, "u1", amount, REASON, NOW);
    }

    static SetLowBalanceThreshold threshold(String amount) {
        return new SetLowBalanceThreshold(ACME, eur(amount), null);
    }

    static SetLowBalanceThreshold thresholdPercent(String percent) {
        return new SetLowBalanceThreshold(ACME, null, new BigDecimal(percent));
    }

    /** The one event of {@code type} the command published. */
    static <T> T published(ResultValidator<?> result, Class<T> type) {
        List<Object> events = PublishedEvents.of(result);
        assertThat(events).as("events published").filteredOn(type::isInstance).hasSize(1);
        return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /** What the command published besides the event of {@code type}, in order. */
    static List<Object> publishedBesides(ResultValidator<?> result, Class<?> type) {
        return PublishedEvents.of(result).stream().filter(event -> !type.isInstance(event)).toList();
    }
}
