-- processing group "balances": credits held while the payment behind them is disputed
ALTER TABLE account_balance ADD COLUMN total_held NUMERIC(38, 12) NOT NULL DEFAULT 0;
ALTER TABLE account_balance ALTER COLUMN total_held DROP DEFAULT;
