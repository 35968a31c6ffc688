package dev.savoir.kb.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import org.apiguardian.api.API;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stability status in code, as JUnit marks its own types: every public SPI type is {@code @API(status = EXPERIMENTAL)}
 * until a second implementation exists, and no public type of an exported API package says it is internal.
 */
class ApiStatusTest {
    /** kb-core's exported API packages; {@link ModuleExportsTest} checks that module-info exports exactly these. */
    static final List<String> API_PACKAGES = List.of("dev.savoir.kb", "dev.savoir.kb.search", "dev.savoir.kb.io",
            "dev.savoir.kb.analytics", "dev.savoir.kb.feedback", "dev.savoir.kb.policy", "dev.savoir.kb.reports",
            "dev.savoir.kb.privacy", "dev.savoir.kb.learning");
    static final String SPI_PACKAGE = "dev.savoir.kb.spi";

    static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.savoir.kb");
    }

    @Test
    void spi_everyPublicTypeIsMarkedExperimental() {
        classes().that().resideInAPackage(SPI_PACKAGE).and().arePublic().and(notPackageInfo())
                .should(haveStatus(API.Status.EXPERIMENTAL))
                .check(core);
    }

    @Test
    void api_noPublicTopLevelTypeIsMarkedInternal() {
        classes().that().resideInAnyPackage(API_PACKAGES.toArray(String[]::new)).and().arePublic()
                .and().areTopLevelClasses().and(notPackageInfo())
                .should(notHaveStatus(API.Status.INTERNAL))
                .check(core);
    }

    private static DescribedPredicate<JavaClass> notPackageInfo() {
        return DescribedPredicate.describe("are not package-info", c -> !c.getSimpleName().equals("package-info"));
    }

    private static ArchCondition<JavaClass> haveStatus(API.Status status) {
        return new ArchCondition<>("be annotated @API(status = " + status + ", since = ...)") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (!c.isAnnotatedWith(API.class)) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " has no @API annotation"));
                    return;
                }
                API api = c.getAnnotationOfType(API.class);
                if (api.status() != status || api.since().isBlank()) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " is @API(status = " + api.status()
                            + ", since = \"" + api.since() + "\"), expected status " + status + " and a since"));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> notHaveStatus(API.Status status) {
        return new ArchCondition<>("not be annotated @API(status = " + status + ")") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (c.isAnnotatedWith(API.class) && c.getAnnotationOfType(API.class).status() == status) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " is exported API but marked "
                            + status));
                }
            }
        };
    }
}
