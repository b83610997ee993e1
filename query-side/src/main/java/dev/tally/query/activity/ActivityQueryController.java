package dev.tally.query.activity;

import dev.tally.api.PageView;
import dev.tally.query.Paging;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

import static dev.tally.schema.jooq.Tables.ACTIVITY_LOG;

/** {@code GET /admin/activity}: the admin commands the engine accepted, newest first: who, what and when. */
@RestController
public class ActivityQueryController {

    public record ActivityView(String eventId, Instant at, String actor, String role, String method, String path,
                               int status) {
    }

    private final DSLContext db;

    public ActivityQueryController(DSLContext db) {
        this.db = db;
    }

    @GetMapping("/api/v1/admin/activity")
    public PageView<ActivityView> activity(@RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "50") int size) {
        return new Paging(page, size).fetch(db, ACTIVITY_LOG, DSL.trueCondition(),
                row -> new ActivityView(row.getEventId(), row.getAt().toInstant(), row.getActor(), row.getRole(),
                        row.getMethod(), row.getPath(), row.getStatus()),
                ACTIVITY_LOG.AT.desc(), ACTIVITY_LOG.EVENT_ID);
    }
}
