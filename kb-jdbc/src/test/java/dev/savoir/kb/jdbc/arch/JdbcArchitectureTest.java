package dev.savoir.kb.jdbc.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.arch.ArchitectureRules;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tier rules of STYLE.md, checked on kb-jdbc's classes. Declared differences, in
 * {@code archunit_ignore_patterns.txt}: {@code PostgresStores}' store accessors return the SPI stores, which
 * is what {@code KnowledgeBaseBuilder.store(...)}, {@code feedbackStore(...)} and {@code analyticsStore(...)} take
 * for a host that wires the knowledge base itself.
 */
class JdbcArchitectureTest {
    static JavaClasses jdbc;

    @BeforeAll
    static void importJdbc() {
        jdbc = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.savoir.kb.jdbc");
    }

    @Test
    void mainSources_stayUnder700Lines() throws java.io.IOException {
        org.assertj.core.api.Assertions.assertThat(ArchitectureRules.mainSourcesLongerThan(700))
                .as("main source files over 700 lines").isEmpty();
    }

    @Test
    void api_exposesNoSpiOrInternalTypes() {
        ArchitectureRules.apiExposesNoSpiOrInternalTypes().check(jdbc);
    }

    @Test
    void jdbc_neverDependsOnOtherEnginesNorOnCoreInternals() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.savoir.kb.markdown..",
                "dev.savoir.kb.lucene..", "dev.savoir.kb.internal..", "org.apache.lucene..").check(jdbc);
    }

    @Test
    void internals_neverUseTheFacade() {
        noClasses().that().resideInAPackage("dev.savoir.kb.jdbc.internal..").should().dependOnClassesThat()
                .belongToAnyOf(KnowledgeBase.class).check(jdbc);
    }

    @Test
    void onlyTheMigrator_usesFlyway() {
        noClasses().that().doNotHaveSimpleName("SchemaMigrator").should().dependOnClassesThat()
                .resideInAPackage("org.flywaydb..").check(jdbc);
    }

    @Test
    void publicApiTypes_carryTheirApiStatus() {
        classes().that().resideInAPackage("dev.savoir.kb.jdbc").and().arePublic()
                .and().doNotHaveSimpleName("package-info")
                .should().beAnnotatedWith(API.class).check(jdbc);
    }
}
