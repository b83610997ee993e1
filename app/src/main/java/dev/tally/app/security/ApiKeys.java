package dev.tally.app.security;

import dev.tally.domain.IdGenerator;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static dev.tally.schema.jooq.Tables.API_KEY;

/**
 * The API keys admins create (besides the admin key of the configuration): each with a name and a role, stored as
 * its SHA-256 digest only, shown once when created, and refused once revoked.
 */
@Component
public class ApiKeys {

    /** A key as listed: never the key itself. */
    public record ApiKey(String id, String name, Role role, Instant createdAt, String createdBy, Instant revokedAt) {
    }

    /** A key just made: the only time {@code key} is shown. */
    public record Created(String id, String name, Role role, String key, Instant createdAt) {
    }

    private final DSLContext db;
    private final IdGenerator ids;
    private final Clock clock;

    public ApiKeys(DSLContext db, IdGenerator ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    public Created create(String name, Role role, String createdBy) {
        String key = AdminApiKey.newKey();
        Instant now = clock.instant();
        String id = ids.next("key");
        db.insertInto(API_KEY)
                .set(API_KEY.ID, id)
                .set(API_KEY.NAME, name)
                .set(API_KEY.ROLE, role.name())
                .set(API_KEY.KEY_DIGEST, AdminApiKey.digest(key))
                .set(API_KEY.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .set(API_KEY.CREATED_BY, createdBy)
                .execute();
        return new Created(id, name, role, key, now);
    }

    public List<ApiKey> list() {
        return db.selectFrom(API_KEY).orderBy(API_KEY.CREATED_AT, API_KEY.ID).fetch(ApiKeys::view);
    }

    /** Revokes the key; false when there is no such key, or it was revoked already. */
    public boolean revoke(String id) {
        return db.update(API_KEY)
                .set(API_KEY.REVOKED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .where(API_KEY.ID.eq(id).and(API_KEY.REVOKED_AT.isNull()))
                .execute() == 1;
    }

    /** The key {@code presented} is, when it exists and is not revoked. */
    public Optional<ApiKey> find(String presented) {
        return db.selectFrom(API_KEY)
                .where(API_KEY.KEY_DIGEST.eq(AdminApiKey.digest(presented)).and(API_KEY.REVOKED_AT.isNull()))
                .fetchOptional(ApiKeys::view);
    }

    private static ApiKey view(dev.tally.schema.jooq.tables.records.ApiKeyRecord row) {
        return new ApiKey(row.getId(), row.getName(), Role.valueOf(row.getRole()), row.getCreatedAt().toInstant(),
                row.getCreatedBy(), row.getRevokedAt() == null ? null : row.getRevokedAt().toInstant());
    }
}
