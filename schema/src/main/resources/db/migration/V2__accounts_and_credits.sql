-- Read models of the first slice. Each table belongs to exactly one processing group (named in its comment),
-- whose reset handler empties it before a replay. Money is NUMERIC at full precision, never floating point.

-- processing group "accounts"
CREATE TABLE account (
    id             VARCHAR(64)  PRIMARY KEY,
    email          VARCHAR(320) NOT NULL,
    name           VARCHAR(200) NOT NULL,
    currency       CHAR(3)      NOT NULL,
    billing_mode   VARCHAR(16)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    subject        VARCHAR(255),
    price_book_id  VARCHAR(64),
    opened_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sequence  BIGINT       NOT NULL
);
CREATE INDEX account_opened_at_idx ON account (opened_at, id);

-- processing group "balances"
CREATE TABLE account_balance (
    account_id      VARCHAR(64)    PRIMARY KEY,
    currency        CHAR(3)        NOT NULL,
    billing_mode    VARCHAR(16)    NOT NULL,
    balance         NUMERIC(38, 12) NOT NULL,
    total_granted   NUMERIC(38, 12) NOT NULL,
    total_used      NUMERIC(38, 12) NOT NULL,
    total_expired   NUMERIC(38, 12) NOT NULL,
    accrued_period  NUMERIC(38, 12) NOT NULL,
    as_of           TIMESTAMP WITH TIME ZONE NOT NULL,
    last_sequence   BIGINT         NOT NULL
);

-- processing group "ledger": one row a posting, keyed by the event behind it
CREATE TABLE ledger_entry (
    event_id       VARCHAR(64)     PRIMARY KEY,
    account_id     VARCHAR(64)     NOT NULL,
    sequence       BIGINT          NOT NULL,
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    kind           VARCHAR(32)     NOT NULL,
    debit          VARCHAR(64)     NOT NULL,
    credit         VARCHAR(64)     NOT NULL,
    amount         NUMERIC(38, 12) NOT NULL,
    currency       CHAR(3)         NOT NULL,
    balance_after  NUMERIC(38, 12) NOT NULL,
    grant_id       VARCHAR(64),
    invoice_id     VARCHAR(64),
    UNIQUE (account_id, sequence)
);

-- Not a read model: the HTTP layer's record of Idempotency-Key requests and the responses they got.
CREATE TABLE idempotency_key (
    principal     VARCHAR(128) NOT NULL,
    key           VARCHAR(255) NOT NULL,
    method        VARCHAR(8)   NOT NULL,
    path          VARCHAR(512) NOT NULL,
    request_hash  CHAR(64)     NOT NULL,
    status        INTEGER,
    content_type  VARCHAR(128),
    body          BYTEA,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (principal, key)
);

-- Not a read model: the test clock's instant, so it keeps moving forward across restarts (TALLY_TEST_CLOCK only).
CREATE TABLE test_clock (
    id   SMALLINT PRIMARY KEY CHECK (id = 1),
    now  TIMESTAMP WITH TIME ZONE NOT NULL
);
