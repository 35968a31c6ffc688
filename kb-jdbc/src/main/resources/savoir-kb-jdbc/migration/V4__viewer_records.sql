-- Savoir kb-jdbc, schema version 4: what is needed to export and erase what was recorded about one viewer key
-- (viewerRecords, eraseViewer). The analytics events recorded under a session id are kept beside the rollups, so that
-- they can be listed and taken out of the rollups; events without a session name nobody and are kept in the rollups
-- only. The feedback tables get an index by viewer key.

CREATE TABLE "${flyway:defaultSchema}".${prefix}analytics_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session text NOT NULL,
    kind text NOT NULL,
    at timestamptz NOT NULL,
    language text,
    query text,
    article_id text,
    results integer NOT NULL
);
CREATE INDEX ${prefix}analytics_events_session
    ON "${flyway:defaultSchema}".${prefix}analytics_events (session, at);
CREATE INDEX ${prefix}analytics_events_at
    ON "${flyway:defaultSchema}".${prefix}analytics_events (at);

CREATE INDEX ${prefix}feedback_votes_viewer ON "${flyway:defaultSchema}".${prefix}feedback_votes (viewer_key);
CREATE INDEX ${prefix}feedback_comments_viewer ON "${flyway:defaultSchema}".${prefix}feedback_comments (viewer_key);
CREATE INDEX ${prefix}feedback_recent_views_viewer
    ON "${flyway:defaultSchema}".${prefix}feedback_recent_views (viewer_key);
