-- Read models of metering. Each table belongs to one processing group (named in its comment).

-- processing group "clusters"
CREATE TABLE cluster (
    id                       VARCHAR(64)  PRIMARY KEY,
    name                     VARCHAR(200) NOT NULL,
    api_url                  VARCHAR(500) NOT NULL,
    credentials_ref          VARCHAR(500),
    max_accounts             INTEGER      NOT NULL,
    scrape_interval_seconds  INTEGER      NOT NULL,
    status                   VARCHAR(16)  NOT NULL,
    node_count               INTEGER      NOT NULL,
    cpu_cores                NUMERIC(20, 6) NOT NULL,
    memory_bytes             BIGINT       NOT NULL,
    gpus                     INTEGER      NOT NULL,
    accounts_assigned        INTEGER      NOT NULL,
    registered_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    last_scrape_id           VARCHAR(128),
    last_scrape_at           TIMESTAMP WITH TIME ZONE,
    last_sequence            BIGINT       NOT NULL
);

-- processing group "clusters": which accounts a cluster has room for
CREATE TABLE cluster_account (
    cluster_id  VARCHAR(64) NOT NULL,
    account_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (cluster_id, account_id)
);
CREATE INDEX cluster_account_account_idx ON cluster_account (account_id);

-- processing group "clusters": the time each scrape covers (from the previous scrape), for coverage
CREATE TABLE scrape_window (
    cluster_id   VARCHAR(64)  NOT NULL,
    scrape_id    VARCHAR(128) NOT NULL,
    window_from  TIMESTAMP WITH TIME ZONE,
    window_to    TIMESTAMP WITH TIME ZONE NOT NULL,
    gap          BOOLEAN      NOT NULL,
    pods         INTEGER      NOT NULL,
    PRIMARY KEY (cluster_id, scrape_id)
);
CREATE INDEX scrape_window_time_idx ON scrape_window (cluster_id, window_to);

-- processing group "environments"
CREATE TABLE environment (
    id                  VARCHAR(64)  PRIMARY KEY,
    account_id          VARCHAR(64)  NOT NULL,
    cluster_id          VARCHAR(64)  NOT NULL,
    name                VARCHAR(200) NOT NULL,
    namespace           VARCHAR(253) NOT NULL,
    tier                VARCHAR(64),
    max_uptime_minutes  INTEGER,
    status              VARCHAR(16)  NOT NULL,
    cpu_cores           NUMERIC(20, 6),
    memory_bytes        BIGINT,
    gpus                INTEGER,
    registered_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sequence       BIGINT       NOT NULL
);
CREATE INDEX environment_account_idx ON environment (account_id);

-- processing group "usage": one row per meter of each UsageMeasured, in the meter's base unit
CREATE TABLE usage (
    event_id        VARCHAR(64)  NOT NULL,
    meter           VARCHAR(16)  NOT NULL,
    account_id      VARCHAR(64)  NOT NULL,
    environment_id  VARCHAR(64)  NOT NULL,
    cluster_id      VARCHAR(64)  NOT NULL,
    window_from     TIMESTAMP WITH TIME ZONE NOT NULL,
    window_to       TIMESTAMP WITH TIME ZONE NOT NULL,
    hour_start      TIMESTAMP WITH TIME ZONE NOT NULL,
    basis           VARCHAR(16)  NOT NULL,
    used            NUMERIC,
    requested       NUMERIC,
    quantity        NUMERIC      NOT NULL,
    gap             BOOLEAN      NOT NULL,
    PRIMARY KEY (event_id, meter)
);
CREATE INDEX usage_account_hour_idx ON usage (account_id, hour_start);

-- processing group "usage": pods no known environment claims, per cluster, for admins
CREATE TABLE unattributed_usage (
    event_id     VARCHAR(64)  NOT NULL,
    meter        VARCHAR(16)  NOT NULL,
    cluster_id   VARCHAR(64)  NOT NULL,
    namespace    VARCHAR(253) NOT NULL,
    pod_name     VARCHAR(253) NOT NULL,
    pod_uid      VARCHAR(64)  NOT NULL,
    reason       VARCHAR(200) NOT NULL,
    window_from  TIMESTAMP WITH TIME ZONE NOT NULL,
    window_to    TIMESTAMP WITH TIME ZONE NOT NULL,
    quantity     NUMERIC      NOT NULL,
    gap          BOOLEAN      NOT NULL,
    PRIMARY KEY (event_id, meter)
);
CREATE INDEX unattributed_usage_cluster_idx ON unattributed_usage (cluster_id, window_from);
