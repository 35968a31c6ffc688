package dev.savoir.kb.jdbc.internal;

import dev.savoir.kb.StoreException;
import dev.savoir.kb.jdbc.DatabaseSchemaException;
import dev.savoir.kb.jdbc.DatabaseSchemaException.Reason;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the database and brings the stores' schema to this Savoir's version with Flyway: versioned migrations
 * ({@code classpath:savoir-kb-jdbc/migration}), applied in one transaction each, recorded in a history table of
 * the store's own ({@code <prefix>schema_history} in the store's schema), under Flyway's lock, so that several nodes
 * opening at once migrate once. A schema that holds other tables (the host's, or another prefix's stores) gets a
 * history starting at version 0. Before anything is written it refuses, with a {@link DatabaseSchemaException}: a
 * database that is not PostgreSQL 15 or newer, a history that lists versions this Savoir does not know, and a
 * history that records a failed migration. A migration that fails now is rolled back (PostgreSQL's DDL is
 * transactional) and refused the same way. Flyway never cleans (drops) anything.
 */
public final class SchemaMigrator {
    /** Where this Savoir's migrations are. */
    public static final String LOCATION = "classpath:savoir-kb-jdbc/migration";
    /** The oldest PostgreSQL major version supported. */
    public static final int MIN_POSTGRES = 15;
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private SchemaMigrator() {
    }

    /**
     * Checks the database and migrates the schema.
     *
     * @param extraLocations more migration locations (tests add a failing one)
     * @return the schema version after migrating
     */
    public static String migrate(DataSource dataSource, Tables tables, List<String> extraLocations) {
        checkDatabase(dataSource);
        List<String> locations = new ArrayList<>();
        locations.add(LOCATION);
        locations.addAll(extraLocations);
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(tables.schema())
                .defaultSchema(tables.schema())
                .table(tables.historyTable())
                .locations(locations.toArray(String[]::new))
                .placeholders(Map.of("prefix", tables.prefix()))
                .cleanDisabled(true)
                // A schema that already holds the host's tables (or another prefix's) but not this store's history:
                // start the history at version 0, then apply every migration.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("the schema held other tables")
                .validateMigrationNaming(true)
                .load();
        try {
            refuseNewerOrFailed(flyway, tables);
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Migrated the Savoir schema {} (prefix \"{}\") from version {} to {}", tables.schema(),
                        tables.prefix(), result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                        result.targetSchemaVersion);
            }
            MigrationInfo current = flyway.info().current();
            return current == null ? "0" : current.getVersion().getVersion();
        } catch (DatabaseSchemaException e) {
            throw e;
        } catch (FlywayException e) {
            throw new DatabaseSchemaException(Reason.FAILED_MIGRATION, "migrating the Savoir schema " + tables.schema()
                    + " failed: " + e.getMessage() + ". The failed migration was rolled back and the schema is at its "
                    + "previous version; fix the cause (privileges, disk, a table of the same name) and open again",
                    e);
        }
    }

    private static void refuseNewerOrFailed(Flyway flyway, Tables tables) {
        List<String> newer = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (MigrationInfo m : flyway.info().all()) {
            MigrationState s = m.getState();
            String name = "V" + m.getVersion() + " (" + m.getDescription() + ")";
            if (s == MigrationState.FUTURE_SUCCESS || s == MigrationState.FUTURE_FAILED) {
                newer.add(name);
            } else if (s == MigrationState.FAILED) {
                failed.add(name);
            }
        }
        String history = '"' + tables.schema() + "\"." + tables.historyTable();
        if (!newer.isEmpty()) {
            throw new DatabaseSchemaException(Reason.NEWER_SCHEMA, "the Savoir schema " + tables.schema()
                    + " was migrated by a newer Savoir: " + history + " lists " + String.join(", ", newer)
                    + ", which this version does not know. Open it with that Savoir version or a newer one (nothing "
                    + "was changed)");
        }
        if (!failed.isEmpty()) {
            throw new DatabaseSchemaException(Reason.FAILED_MIGRATION, "the Savoir schema " + tables.schema()
                    + " has a failed or half-applied migration: " + history + " records " + String.join(", ", failed)
                    + " as failed. Restore the schema from a backup, or undo what that migration did and delete its "
                    + "row from " + history + ", then open again (nothing was changed)");
        }
    }

    /** Refuses a database that is not PostgreSQL 15 or newer. */
    static void checkDatabase(DataSource dataSource) {
        String product;
        int major;
        String version;
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            product = md.getDatabaseProductName();
            major = md.getDatabaseMajorVersion();
            version = md.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new StoreException("cannot connect to the database to open the Savoir stores: " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]")
                    + "; check the DataSource's URL, credentials and that the database is up", e);
        }
        if (!"PostgreSQL".equals(product)) {
            throw new DatabaseSchemaException(Reason.UNSUPPORTED_DATABASE, "the Savoir stores need PostgreSQL "
                    + MIN_POSTGRES + " or newer; this DataSource leads to " + product + " " + version
                    + ": give kb-jdbc a PostgreSQL DataSource");
        }
        if (major < MIN_POSTGRES) {
            throw new DatabaseSchemaException(Reason.UNSUPPORTED_DATABASE, "the Savoir stores need PostgreSQL "
                    + MIN_POSTGRES + " or newer; this database is PostgreSQL " + version
                    + ": upgrade it, or use another database server");
        }
    }
}
