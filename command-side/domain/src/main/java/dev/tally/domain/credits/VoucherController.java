package dev.tally.domain.credits;

import dev.tally.api.AccountId;
import dev.tally.api.FieldErrors;
import dev.tally.api.Ids;
import dev.tally.api.Money;
import dev.tally.api.MoneyRequest;
import dev.tally.api.MoneyView;
import dev.tally.api.credits.CreateVoucher;
import dev.tally.api.credits.RedeemVoucher;
import dev.tally.api.credits.VoucherRedeemed;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

/** Vouchers: admins create codes, accounts redeem them (API.md, Credits and balance). */
@RestController
public class VoucherController {

    record CreateRequest(String code, MoneyRequest amount, Integer maxRedemptions, Instant expiresAt) {
    }

    /** A voucher as created. */
    public record CreatedVoucher(String code, MoneyView amount, int maxRedemptions, Instant expiresAt,
                                 Instant createdAt) {
    }

    record RedemptionRequest(String code) {
    }

    /** A redemption: the credits it granted and under which grant id. */
    public record Redemption(String code, String accountId, MoneyView amount, String grantId, Instant redeemedAt) {
    }

    private final CommandGateway commands;
    private final Clock clock;

    public VoucherController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @PostMapping("/api/v1/vouchers")
    public ResponseEntity<CreatedVoucher> create(@RequestBody CreateRequest request) {
        FieldErrors errors = new FieldErrors()
                .check(Ids.isValid(request.code()), "code", Ids.RULE)
                .check(request.amount() != null, "amount", "is required: {\"amount\": \"10.00\", \"currency\": \"EUR\"}")
                .check(request.maxRedemptions() != null && request.maxRedemptions() >= 1, "maxRedemptions",
                        "must be at least 1");
        Money amount = request.amount() == null ? null : request.amount().toPositiveMoney("amount", errors);
        Instant createdAt = clock.instant();
        errors.check(request.expiresAt() == null || request.expiresAt().isAfter(createdAt), "expiresAt",
                "must be in the future").throwIfAny();
        commands.sendAndWait(new CreateVoucher(request.code(), amount, request.maxRedemptions(), request.expiresAt(),
                createdAt));
        return ResponseEntity.created(URI.create("/api/v1/vouchers/" + request.code()))
                .body(new CreatedVoucher(request.code(), MoneyView.of(amount), request.maxRedemptions(),
                        request.expiresAt(), createdAt));
    }

    /** 404 for an unknown code; CONFLICT for a spent or expired one, or one this account redeemed before. */
    @PostMapping("/api/v1/accounts/{accountId}/voucher-redemptions")
    public ResponseEntity<Redemption> redeem(@PathVariable String accountId, @RequestBody RedemptionRequest request) {
        new FieldErrors().check(Ids.isValid(request.code()), "code", "must be a voucher code").throwIfAny();
        Instant redeemedAt = clock.instant();
        Money amount = commands.sendAndWait(new RedeemVoucher(request.code(), AccountId.of(accountId), redeemedAt));
        return ResponseEntity.status(201).body(new Redemption(request.code(), accountId, MoneyView.of(amount),
                VoucherRedeemed.grantIdFor(request.code()), redeemedAt));
    }
}
