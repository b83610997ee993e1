package dev.tally.domain.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;
import dev.tally.api.credits.CreateVoucher;
import dev.tally.api.credits.RedeemVoucher;
import dev.tally.api.credits.VoucherCreated;
import dev.tally.api.credits.VoucherRedeemed;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.tally.api.ErrorCode.CONFLICT;
import static dev.tally.api.ErrorCode.VALIDATION_ERROR;
import static dev.tally.domain.DomainExceptionMatcher.domainException;

class VoucherTest {

    private static final String CODE = "WELCOME25";
    private static final Money TWENTY_FIVE = Money.of("25.00", "EUR");
    private static final AccountId ACME = AccountId.of("acme");
    private static final AccountId GLOBEX = AccountId.of("globex");
    private static final AccountId INITECH = AccountId.of("initech");
    private static final Instant CREATED_AT = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant EXPIRES_AT = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant BEFORE_EXPIRY = Instant.parse("2026-03-31T23:59:59.999999Z");

    private AggregateTestFixture<Voucher> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Voucher.class);
    }

    private static VoucherCreated created(int maxRedemptions) {
        return new VoucherCreated(CODE, TWENTY_FIVE, maxRedemptions, EXPIRES_AT, CREATED_AT);
    }

    @Test
    void canCreateVoucher() {
        fixture.givenNoPriorActivity()
                .when(new CreateVoucher(CODE, TWENTY_FIVE, 2, EXPIRES_AT, CREATED_AT))
                .expectEvents(created(2));
    }

    @Test
    void cannotCreateVoucherWithoutValueRoomOrFuture() {
        fixture.givenNoPriorActivity()
                .when(new CreateVoucher(CODE, Money.of("0", "EUR"), 2, EXPIRES_AT, CREATED_AT))
                .expectException(domainException(VALIDATION_ERROR));
        fixture.givenNoPriorActivity()
                .when(new CreateVoucher(CODE, TWENTY_FIVE, 0, EXPIRES_AT, CREATED_AT))
                .expectException(domainException(VALIDATION_ERROR));
        fixture.givenNoPriorActivity()
                .when(new CreateVoucher(CODE, TWENTY_FIVE, 2, CREATED_AT, CREATED_AT))
                .expectException(domainException(VALIDATION_ERROR));
    }

    @Test
    void canRedeemBeforeItExpires() {
        fixture.given(created(2))
                .when(new RedeemVoucher(CODE, ACME, BEFORE_EXPIRY))
                .expectEvents(new VoucherRedeemed(CODE, ACME, TWENTY_FIVE, BEFORE_EXPIRY))
                .expectResultMessagePayload(TWENTY_FIVE);
    }

    @Test
    void anAccountRedeemsACodeOnce() {
        fixture.given(created(2), new VoucherRedeemed(CODE, ACME, TWENTY_FIVE, CREATED_AT))
                .when(new RedeemVoucher(CODE, ACME, BEFORE_EXPIRY))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void cannotRedeemASpentVoucher() {
        fixture.given(created(2), new VoucherRedeemed(CODE, ACME, TWENTY_FIVE, CREATED_AT),
                        new VoucherRedeemed(CODE, GLOBEX, TWENTY_FIVE, CREATED_AT))
                .when(new RedeemVoucher(CODE, INITECH, BEFORE_EXPIRY))
                .expectException(domainException(CONFLICT));
    }

    @Test
    void cannotRedeemAtOrAfterExpiry() {
        fixture.given(created(2))
                .when(new RedeemVoucher(CODE, ACME, EXPIRES_AT))
                .expectException(domainException(CONFLICT));
    }
}
