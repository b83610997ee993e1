package dev.tally.api.credits;

import dev.tally.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A voucher code worth {@code amount}, redeemable by up to {@code maxRedemptions} accounts until it expires. */
public record CreateVoucher(String code, Money amount, int maxRedemptions, Instant expiresAt, Instant createdAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return voucherAggregateId(code);
    }

    /** Voucher aggregates are named after their code, suffixed so they never collide with another aggregate. */
    public static String voucherAggregateId(String code) {
        return code + "/voucher";
    }
}
