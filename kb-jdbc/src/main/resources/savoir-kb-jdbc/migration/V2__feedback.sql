-- Savoir kb-jdbc, schema version 2: reader feedback (FeedbackStore).

-- Counted views per article and UTC day.
CREATE TABLE "${flyway:defaultSchema}".${prefix}feedback_views (
    article_id text NOT NULL,
    day date NOT NULL,
    views bigint NOT NULL CHECK (views >= 0),
    PRIMARY KEY (article_id, day)
);

-- When each viewer's last counted view of an article was: the dedup window, shared by every node.
CREATE TABLE "${flyway:defaultSchema}".${prefix}feedback_recent_views (
    article_id text NOT NULL,
    viewer_key text NOT NULL,
    counted_at timestamptz NOT NULL,
    PRIMARY KEY (article_id, viewer_key)
);
CREATE INDEX ${prefix}feedback_recent_views_counted_at
    ON "${flyway:defaultSchema}".${prefix}feedback_recent_views (counted_at);

-- One vote per viewer and article; a second replaces the first.
CREATE TABLE "${flyway:defaultSchema}".${prefix}feedback_votes (
    article_id text NOT NULL,
    viewer_key text NOT NULL,
    locale text NOT NULL,
    helpful boolean NOT NULL,
    reason text,
    at timestamptz NOT NULL,
    PRIMARY KEY (article_id, viewer_key)
);

-- Comments left with votes, newest read first.
CREATE TABLE "${flyway:defaultSchema}".${prefix}feedback_comments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id text NOT NULL,
    viewer_key text NOT NULL,
    locale text NOT NULL,
    helpful boolean NOT NULL,
    reason text,
    text text NOT NULL,
    at timestamptz NOT NULL
);
CREATE INDEX ${prefix}feedback_comments_article
    ON "${flyway:defaultSchema}".${prefix}feedback_comments (article_id, id);

-- Tickets resolved with an article; a ticket counts once per article.
CREATE TABLE "${flyway:defaultSchema}".${prefix}feedback_tickets (
    article_id text NOT NULL,
    ticket_id text NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (article_id, ticket_id)
);

-- Aggregates imported from an archive (restore), added to what the store counts itself.
CREATE TABLE "${flyway:defaultSchema}".${prefix}feedback_restored (
    article_id text PRIMARY KEY,
    views bigint NOT NULL,
    helpful bigint NOT NULL,
    not_helpful bigint NOT NULL,
    ticket_links bigint NOT NULL,
    at timestamptz NOT NULL
);
CREATE TABLE "${flyway:defaultSchema}".${prefix}feedback_restored_reasons (
    article_id text NOT NULL,
    reason text NOT NULL,
    votes bigint NOT NULL,
    PRIMARY KEY (article_id, reason)
);
