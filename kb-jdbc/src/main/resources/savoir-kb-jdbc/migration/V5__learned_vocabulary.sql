-- Savoir kb-jdbc, schema version 5: the decisions on learned search vocabulary (LearningStore): one row per candidate
-- pair, approved (with the pair searches apply, as proposed or edited) or rejected.

CREATE TABLE "${flyway:defaultSchema}".${prefix}learned_vocabulary (
    kind text NOT NULL,
    language text NOT NULL,
    from_text text NOT NULL,
    to_text text NOT NULL,
    status text NOT NULL,
    applied_kind text,
    applied_from text,
    applied_to text,
    decided_by text NOT NULL,
    decided_at timestamptz NOT NULL,
    PRIMARY KEY (kind, language, from_text, to_text)
);
