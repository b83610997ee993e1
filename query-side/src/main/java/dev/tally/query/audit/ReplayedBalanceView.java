package dev.tally.query.audit;

import dev.tally.api.MoneyView;
import dev.tally.api.account.BillingMode;

import java.time.Instant;

/**
 * An account's balance as of an instant, replayed from the events recorded up to it (not from the read models), with
 * the totals behind it and the last event it includes.
 */
public record ReplayedBalanceView(String accountId,
                                  Instant asOf,
                                  BillingMode billingMode,
                                  MoneyView balance,
                                  MoneyView totalGranted,
                                  MoneyView totalUsed,
                                  MoneyView totalExpired,
                                  MoneyView totalRefunded,
                                  MoneyView totalReversed,
                                  MoneyView totalHeld,
                                  MoneyView uncollected,
                                  boolean lowBalance,
                                  long eventsReplayed,
                                  String lastEventId,
                                  Instant lastEventAt) {

    static ReplayedBalanceView of(String accountId, Instant asOf, LedgerReplay replay) {
        var currency = replay.currency();
        return new ReplayedBalanceView(accountId, asOf, replay.billingMode(),
                MoneyView.of(replay.figure(LedgerReplay.Figure.BALANCE), currency),
                MoneyView.of(replay.figure(LedgerReplay.Figure.TOTAL_GRANTED), currency),
                MoneyView.of(replay.figure(LedgerReplay.Figure.TOTAL_USED), currency),
                MoneyView.of(replay.figure(LedgerReplay.Figure.TOTAL_EXPIRED), currency),
                MoneyView.of(replay.figure(LedgerReplay.Figure.TOTAL_REFUNDED), currency),
                MoneyView.of(replay.figure(LedgerReplay.Figure.TOTAL_REVERSED), currency),
                MoneyView.of(replay.figure(LedgerReplay.Figure.TOTAL_HELD), currency),
                MoneyView.of(replay.figure(LedgerReplay.Figure.UNCOLLECTED), currency),
                replay.lowBalance(), replay.events(), replay.lastEventId(), replay.lastRecordedAt());
    }
}
