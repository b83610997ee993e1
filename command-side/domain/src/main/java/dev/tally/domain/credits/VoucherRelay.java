package dev.tally.domain.credits;

import dev.tally.api.credits.GrantCredits;
import dev.tally.api.credits.GrantKind;
import dev.tally.api.credits.VoucherRedeemed;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Grants a redeemed voucher's amount to the account, in the transaction of the redemption: a ledger that refuses
 * the grant (another currency, a closed account) refuses the redemption with it, so a code is never used up for
 * nothing.
 */
@Component
@ProcessingGroup(VoucherRelay.PROCESSING_GROUP)
public class VoucherRelay {

    public static final String PROCESSING_GROUP = "voucher-relay";

    private final CommandGateway commandGateway;

    public VoucherRelay(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @EventHandler
    void on(VoucherRedeemed event) {
        commandGateway.sendAndWait(new GrantCredits(event.accountId(), event.grantId(), GrantKind.VOUCHER,
                event.amount(), event.redeemedAt(), null, "voucher " + event.code()));
    }
}
