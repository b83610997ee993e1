package dev.tally.app.billing;

import dev.tally.api.FieldErrors;
import dev.tally.domain.billing.BillingPeriods;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

/**
 * POST /billing-periods/close: every account's periods that ended by {@code periodEnd}, on each account's own
 * anchor day, closed at once (API.md, Invoices).
 */
@RestController
class BillingPeriodsController {

    record CloseRequest(Instant periodEnd) {
    }

    private final PeriodClosing closing;
    private final Clock clock;

    BillingPeriodsController(PeriodClosing closing, Clock clock) {
        this.closing = closing;
        this.clock = clock;
    }

    @PostMapping("/api/v1/billing-periods/close")
    PeriodClosing.Result closeAll(@RequestBody CloseRequest request) {
        BillingPeriods.requireEnded(new FieldErrors(), request.periodEnd(), clock.instant());
        return closing.closeAll(request.periodEnd());
    }
}
