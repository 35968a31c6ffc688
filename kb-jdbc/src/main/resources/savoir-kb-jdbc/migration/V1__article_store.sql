-- Savoir kb-jdbc, schema version 1: the article store and its change feed.
-- Placeholders: the schema is Flyway's default schema, ${prefix} the host's table prefix.

-- The change feed's head: one row whose counter every commit advances in its own transaction. Its row lock orders
-- committers, so sequence order is commit order and a reader never sees a number before a smaller one.
CREATE TABLE "${flyway:defaultSchema}".${prefix}feed_head (
    id smallint PRIMARY KEY CHECK (id = 1),
    seq bigint NOT NULL CHECK (seq >= 0)
);
INSERT INTO "${flyway:defaultSchema}".${prefix}feed_head (id, seq) VALUES (1, 0);

-- Each article's current state: the store codec's JSON document, with the columns the store queries by.
CREATE TABLE "${flyway:defaultSchema}".${prefix}articles (
    id text PRIMARY KEY,
    version bigint NOT NULL CHECK (version >= 1),
    last_seq bigint NOT NULL CHECK (last_seq >= 1),
    doc json NOT NULL
);
-- changesSince: each sequence number belongs to one commit, so to at most one article.
CREATE UNIQUE INDEX ${prefix}articles_last_seq ON "${flyway:defaultSchema}".${prefix}articles (last_seq);

-- Append-only revisions, one document each, with the commit that added them.
CREATE TABLE "${flyway:defaultSchema}".${prefix}revisions (
    article_id text NOT NULL,
    locale text NOT NULL,
    number integer NOT NULL CHECK (number >= 1),
    seq bigint NOT NULL,
    doc json NOT NULL,
    PRIMARY KEY (article_id, locale, number)
);

-- Audit events in commit order, then in their order within the commit.
CREATE TABLE "${flyway:defaultSchema}".${prefix}audit_events (
    article_id text NOT NULL,
    seq bigint NOT NULL,
    ordinal integer NOT NULL,
    doc json NOT NULL,
    PRIMARY KEY (article_id, seq, ordinal)
);
