-- API keys (issue 7): who may call the API with which role. Security configuration, not a read model: no
-- processing group owns it. A key is stored only as its SHA-256 digest; it is shown once, when it is created.
CREATE TABLE api_key (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    key_digest  BYTEA        NOT NULL UNIQUE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(255) NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
