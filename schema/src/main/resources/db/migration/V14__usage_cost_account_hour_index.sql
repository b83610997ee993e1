-- processing group "usage-costs": the usage reads join an account's costs over a period; without this index the
-- planner hashed the whole usage_cost table for every read, whose cost grew with every account's history (issue 9)
CREATE INDEX usage_cost_account_hour_idx ON usage_cost (account_id, hour_start);
