-- Read models of rating and the rest of the credits ledger (issue 5). Each table belongs to one processing group,
-- named in its comment, whose reset handler empties it before a replay.

-- processing group "ledger": an event may post more than once (a usage charge takes credits and may run into
-- debt), so a row is one posting of an event, numbered in the event's order.
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_pkey;
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_account_id_sequence_key;
ALTER TABLE ledger_entry ADD COLUMN posting INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ledger_entry ALTER COLUMN posting DROP DEFAULT;
ALTER TABLE ledger_entry ADD PRIMARY KEY (event_id, posting);
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_account_sequence_posting_key
    UNIQUE (account_id, sequence, posting);
-- what a usage charge rated (or a reversal names), so a line traces back to its usage and prices
ALTER TABLE ledger_entry ADD COLUMN usage_id VARCHAR(64);
ALTER TABLE ledger_entry ADD COLUMN price_book_id VARCHAR(64);
ALTER TABLE ledger_entry ADD COLUMN price_version INTEGER;

-- processing group "balances": the running totals of the other movements, the prepaid debt still owed, and the
-- low-balance flag the ledger raises and clears. Postpaid accrual moves to account_accrual, per period.
ALTER TABLE account_balance ADD COLUMN total_refunded NUMERIC(38, 12) NOT NULL DEFAULT 0;
ALTER TABLE account_balance ADD COLUMN total_reversed NUMERIC(38, 12) NOT NULL DEFAULT 0;
ALTER TABLE account_balance ADD COLUMN uncollected NUMERIC(38, 12) NOT NULL DEFAULT 0;
ALTER TABLE account_balance ALTER COLUMN total_refunded DROP DEFAULT;
ALTER TABLE account_balance ALTER COLUMN total_reversed DROP DEFAULT;
ALTER TABLE account_balance ALTER COLUMN uncollected DROP DEFAULT;
-- rows made before the ledger raised the flag keep the answer they gave: prepaid and nothing left
ALTER TABLE account_balance ADD COLUMN low_balance BOOLEAN;
UPDATE account_balance SET low_balance = (billing_mode = 'PREPAID' AND balance <= 0);
ALTER TABLE account_balance ALTER COLUMN low_balance SET NOT NULL;
ALTER TABLE account_balance DROP COLUMN accrued_period;

-- processing group "balances": postpaid usage accrued per calendar month in UTC of the usage window's start (less
-- postpaid reversals, in the month they were made), until billing periods exist
CREATE TABLE account_accrual (
    account_id    VARCHAR(64)     NOT NULL,
    period_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    accrued       NUMERIC(38, 12) NOT NULL,
    PRIMARY KEY (account_id, period_start)
);

-- processing group "usage-costs": what each meter of a measured window was charged, keyed like the usage rows
-- (the UsageMeasured event's id and the meter) and joined to them at read time, so it does not matter which of
-- the two groups sees its event first
CREATE TABLE usage_cost (
    usage_event_id   VARCHAR(64)     NOT NULL,
    meter            VARCHAR(16)     NOT NULL,
    charge_event_id  VARCHAR(64)     NOT NULL,
    account_id       VARCHAR(64)     NOT NULL,
    hour_start       TIMESTAMP WITH TIME ZONE NOT NULL,
    price_book_id    VARCHAR(64)     NOT NULL,
    price_version    INTEGER         NOT NULL,
    basis            VARCHAR(16)     NOT NULL,
    quantity         NUMERIC         NOT NULL,
    price            NUMERIC(30, 12) NOT NULL,
    price_unit       VARCHAR(16)     NOT NULL,
    amount           NUMERIC(38, 12) NOT NULL,
    currency         CHAR(3)         NOT NULL,
    PRIMARY KEY (usage_event_id, meter)
);
