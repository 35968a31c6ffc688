-- Savoir kb-jdbc, schema version 6: the editorial workflow (WorkflowStore): feedback inbox items with their comments
-- and audit trail, the categories' owners they are routed to, learning paths, teams and read acknowledgements.

-- One row per inbox item, at its latest version (a change is an UPDATE ... WHERE version = the previous one).
CREATE TABLE "${flyway:defaultSchema}".${prefix}inbox_items (
    id text PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    version bigint NOT NULL CHECK (version >= 1),
    kind text NOT NULL,
    article_id text NOT NULL,
    locale text NOT NULL,
    revision integer NOT NULL,
    reason text NOT NULL,
    text text NOT NULL,
    proposed_body text,
    reporter text NOT NULL,
    reporter_customer boolean NOT NULL,
    owner text NOT NULL,
    state text NOT NULL,
    due_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    resulting_revision integer
);
CREATE INDEX ${prefix}inbox_items_reporter
    ON "${flyway:defaultSchema}".${prefix}inbox_items (reporter) WHERE reporter_customer;

-- An item's comments and audit trail, in order (position from 0).
CREATE TABLE "${flyway:defaultSchema}".${prefix}inbox_comments (
    item_id text NOT NULL REFERENCES "${flyway:defaultSchema}".${prefix}inbox_items (id) ON DELETE CASCADE,
    position integer NOT NULL,
    at timestamptz NOT NULL,
    author text NOT NULL,
    text text NOT NULL,
    visible_to_reporter boolean NOT NULL,
    PRIMARY KEY (item_id, position)
);
CREATE TABLE "${flyway:defaultSchema}".${prefix}inbox_events (
    item_id text NOT NULL REFERENCES "${flyway:defaultSchema}".${prefix}inbox_items (id) ON DELETE CASCADE,
    position integer NOT NULL,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    from_state text,
    to_state text,
    detail text NOT NULL,
    PRIMARY KEY (item_id, position)
);

CREATE TABLE "${flyway:defaultSchema}".${prefix}inbox_category_owners (
    category text PRIMARY KEY,
    owner text NOT NULL
);

-- Learning paths: articles in reading order; roles and teams they are assigned to.
CREATE TABLE "${flyway:defaultSchema}".${prefix}learning_paths (
    id text PRIMARY KEY,
    title text NOT NULL,
    locale text NOT NULL,
    articles text[] NOT NULL,
    roles text[] NOT NULL,
    teams text[] NOT NULL
);
CREATE TABLE "${flyway:defaultSchema}".${prefix}learning_teams (
    name text PRIMARY KEY,
    members text[] NOT NULL
);
-- The latest acknowledgement per learner and translation.
CREATE TABLE "${flyway:defaultSchema}".${prefix}learning_acks (
    learner text NOT NULL,
    article_id text NOT NULL,
    locale text NOT NULL,
    revision integer NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (learner, article_id, locale)
);
