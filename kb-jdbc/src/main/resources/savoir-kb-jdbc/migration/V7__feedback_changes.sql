-- Savoir kb-jdbc, schema version 7: when each article's feedback (views, votes, restored aggregates) last changed,
-- on the database's clock, so that every node sends the ranking signals other nodes caused to its own search engine
-- (FeedbackStore.changesSince). One row per article, updated in the transaction of each change.

CREATE TABLE "${flyway:defaultSchema}".${prefix}feedback_changes (
    article_id text PRIMARY KEY,
    changed_at timestamptz NOT NULL
);
CREATE INDEX ${prefix}feedback_changes_changed_at
    ON "${flyway:defaultSchema}".${prefix}feedback_changes (changed_at);
