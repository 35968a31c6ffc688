-- A migration that fails half-way: the table it creates first must not survive.
CREATE TABLE "${flyway:defaultSchema}".${prefix}half_done (id integer);
SELECT 1 / 0;
