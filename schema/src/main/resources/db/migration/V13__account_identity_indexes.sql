-- processing group "accounts": a user's accounts are found by the identity provider's subject and by e-mail
-- (case-insensitively) on every call a user makes (issue 7), and by the identity webhook on every sign-in
CREATE INDEX account_subject_idx ON account (subject);
CREATE INDEX account_email_lower_idx ON account (lower(email));
