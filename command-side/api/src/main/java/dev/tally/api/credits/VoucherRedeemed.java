package dev.tally.api.credits;

import dev.tally.api.AccountId;
import dev.tally.api.Money;

import java.time.Instant;

/** The account redeemed the code; its amount is granted as VOUCHER credits under {@link #grantId()}. */
public record VoucherRedeemed(String code, AccountId accountId, Money amount, Instant redeemedAt) {

    public String grantId() {
        return grantIdFor(code);
    }

    /** The id of the grant a redemption of {@code code} makes: one per account and code. */
    public static String grantIdFor(String code) {
        return "voucher-" + code;
    }
}
