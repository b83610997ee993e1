-- The Stripe integration (issue 6). Each table or column belongs to one processing group, named in its comment.

-- processing group "accounts": the account's Stripe customer, made once (on its first credit purchase or its first
-- invoice sent to Stripe) and linked by StripeCustomerLinked; null until then
ALTER TABLE account ADD COLUMN stripe_customer_id VARCHAR(255);
