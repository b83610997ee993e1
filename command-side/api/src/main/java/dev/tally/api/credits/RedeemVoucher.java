package dev.tally.api.credits;

import dev.tally.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** An account redeems a code, once; refused with CONFLICT when the code is spent, expired or already redeemed. */
public record RedeemVoucher(String code, AccountId accountId, Instant redeemedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return CreateVoucher.voucherAggregateId(code);
    }
}
