-- Read model of invoices (issue 6): processing group "invoices", whose reset handler empties all three tables.
-- Money is NUMERIC at full precision; a line's amount is stored as the Invoice aggregate rounded it, once. Free text
-- (reasons) is TEXT: the aggregate does not bound it, and a read model must never refuse an event it was given.

-- one row per invoice; last_sequence is the Invoice aggregate's last event applied, so a redelivery changes nothing
CREATE TABLE invoice (
    id                      VARCHAR(64)     PRIMARY KEY,
    number                  VARCHAR(32),
    account_id              VARCHAR(64)     NOT NULL,
    period_start            TIMESTAMP WITH TIME ZONE NOT NULL,
    period_end              TIMESTAMP WITH TIME ZONE NOT NULL,
    status                  VARCHAR(16)     NOT NULL,
    billing_mode            VARCHAR(16)     NOT NULL,
    currency                CHAR(3)         NOT NULL,
    subtotal                NUMERIC(38, 12) NOT NULL,
    credits_applied         NUMERIC(38, 12) NOT NULL,
    total                   NUMERIC(38, 12) NOT NULL,
    credited                NUMERIC(38, 12) NOT NULL,
    drafted_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    finalized_at            TIMESTAMP WITH TIME ZONE,
    due_at                  TIMESTAMP WITH TIME ZONE,
    paid_at                 TIMESTAMP WITH TIME ZONE,
    paid_amount             NUMERIC(38, 12),
    payment_reference       VARCHAR(255),
    payment_failed_at       TIMESTAMP WITH TIME ZONE,
    payment_failure_reason  TEXT,
    voided_at               TIMESTAMP WITH TIME ZONE,
    void_reason             TEXT,
    stripe_invoice_id       VARCHAR(255),
    sent_to_stripe_at       TIMESTAMP WITH TIME ZONE,
    last_sequence           BIGINT          NOT NULL
);
-- an account's billing history, newest period first
CREATE INDEX invoice_account_period_idx ON invoice (account_id, period_end DESC, id DESC);

-- the lines of the draft, in its order; a draft's lines never change, so rows are only ever inserted
CREATE TABLE invoice_line (
    invoice_id      VARCHAR(64)     NOT NULL,
    line_no         INTEGER         NOT NULL,
    meter           VARCHAR(16)     NOT NULL,
    environment_id  VARCHAR(64),
    quantity        NUMERIC         NOT NULL,
    unit            VARCHAR(16)     NOT NULL,
    rate            NUMERIC(30, 12) NOT NULL,
    exact_amount    NUMERIC(38, 12) NOT NULL,
    amount          NUMERIC(38, 12) NOT NULL,
    adjustment      BOOLEAN         NOT NULL,
    PRIMARY KEY (invoice_id, line_no)
);

-- credit notes against an invoice; sequence is the event's, so a read shows only the notes its invoice row counts
CREATE TABLE credit_note (
    invoice_id      VARCHAR(64)     NOT NULL,
    credit_note_id  VARCHAR(128)    NOT NULL,
    sequence        BIGINT          NOT NULL,
    amount          NUMERIC(38, 12) NOT NULL,
    reason          TEXT,
    issued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (invoice_id, credit_note_id)
);
