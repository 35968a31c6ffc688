-- Savoir kb-jdbc, schema version 8: each article's next scheduled transition (a scheduled publication or archiving,
-- ArticleStore.nextTransition), written with its document, so that the scheduler reads only the articles that are
-- due instead of every article on each run. Rows written before this version are marked '-infinity' ("not known
-- yet"): the store computes their value from their document the first time the scheduler asks.

ALTER TABLE "${flyway:defaultSchema}".${prefix}articles ADD COLUMN next_transition timestamptz;
UPDATE "${flyway:defaultSchema}".${prefix}articles SET next_transition = '-infinity';
CREATE INDEX ${prefix}articles_next_transition ON "${flyway:defaultSchema}".${prefix}articles (next_transition)
    WHERE next_transition IS NOT NULL;
