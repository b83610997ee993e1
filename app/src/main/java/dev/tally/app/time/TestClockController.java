package dev.tally.app.time;

import dev.tally.api.FieldErrors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** GET/POST /admin/test-clock: only with TALLY_TEST_CLOCK=true; otherwise the path does not exist (404). */
@RestController
@RequestMapping("/api/v1/admin/test-clock")
@ConditionalOnBooleanProperty("tally.test-clock.enabled")
class TestClockController {

    record Now(Instant now) {
    }

    record Advance(Instant advanceTo, Duration advanceBy) {
    }

    record Advanced(Instant now, int dueExecutionsDispatched) {
    }

    private final TestClock clock;
    private final DueWork dueWork;

    TestClockController(Clock clock, DueWork dueWork) {
        this.clock = (TestClock) clock;
        this.dueWork = dueWork;
    }

    @GetMapping
    Now now() {
        return new Now(clock.instant());
    }

    /** Moves the clock forward and answers once everything due by the new instant has been dispatched. */
    @PostMapping
    Advanced advance(@RequestBody Advance request) throws InterruptedException {
        new FieldErrors()
                .check((request.advanceTo() == null) != (request.advanceBy() == null), "advanceTo",
                        "give exactly one of advanceTo (an instant) and advanceBy (an ISO-8601 duration)")
                .check(request.advanceBy() == null || !request.advanceBy().isNegative(), "advanceBy",
                        "must not be negative: the test clock only moves forward")
                .throwIfAny();
        Instant target = request.advanceTo() != null ? request.advanceTo()
                : clock.instant().plus(request.advanceBy());
        Instant now = clock.advanceTo(target);
        return new Advanced(now, dueWork.dispatchDueBy(now));
    }
}
