-- processing group "ledger": Stripe's refunds and disputes name a purchase by its grant id; find its account fast
CREATE INDEX ledger_entry_grant_idx ON ledger_entry (grant_id) WHERE grant_id IS NOT NULL;
