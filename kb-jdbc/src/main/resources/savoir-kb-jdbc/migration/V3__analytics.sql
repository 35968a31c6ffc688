-- Savoir kb-jdbc, schema version 3: search analytics rollups per UTC day (AnalyticsStore).

CREATE TABLE "${flyway:defaultSchema}".${prefix}analytics_queries (
    day date NOT NULL,
    language text NOT NULL,
    query text NOT NULL,
    searches bigint NOT NULL,
    zero_results bigint NOT NULL,
    clicks bigint NOT NULL,
    last_seen timestamptz NOT NULL,
    PRIMARY KEY (day, language, query)
);

-- Per session and day: bit 1 searched, bit 2 clicked a result, bit 4 opened a ticket.
CREATE TABLE "${flyway:defaultSchema}".${prefix}analytics_sessions (
    day date NOT NULL,
    session text NOT NULL,
    flags integer NOT NULL,
    PRIMARY KEY (day, session)
);

CREATE TABLE "${flyway:defaultSchema}".${prefix}analytics_article_clicks (
    day date NOT NULL,
    article_id text NOT NULL,
    clicks bigint NOT NULL,
    PRIMARY KEY (day, article_id)
);
