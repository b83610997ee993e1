-- processing group "activity": every admin command the engine accepted, who made it, what and when (issue 7),
-- newest first for GET /admin/activity
CREATE TABLE activity_log (
    event_id  VARCHAR(64)  PRIMARY KEY,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    actor     VARCHAR(255) NOT NULL,
    role      VARCHAR(16)  NOT NULL,
    method    VARCHAR(8)   NOT NULL,
    path      VARCHAR(2048) NOT NULL,
    status    INTEGER      NOT NULL
);
CREATE INDEX activity_log_at_idx ON activity_log (at DESC, event_id);
