-- Read model of price books: processing group "price-books".
CREATE TABLE price_book (
    id             VARCHAR(64)  PRIMARY KEY,
    name           VARCHAR(200) NOT NULL,
    currency       CHAR(3)      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    rated_through  TIMESTAMP WITH TIME ZONE,
    last_sequence  BIGINT       NOT NULL
);

-- One row per rate of each published version; a version's rows never change.
CREATE TABLE price_rate (
    price_book_id   VARCHAR(64)  NOT NULL,
    version         INTEGER      NOT NULL,
    meter           VARCHAR(16)  NOT NULL,
    effective_from  TIMESTAMP WITH TIME ZONE NOT NULL,
    rounding        VARCHAR(16)  NOT NULL,
    unit            VARCHAR(16)  NOT NULL,
    price           NUMERIC(30, 12) NOT NULL,
    basis           VARCHAR(16),
    published_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (price_book_id, version, meter)
);
