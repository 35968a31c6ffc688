package dev.savoir.kb.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.HashSet;
import java.util.Set;

/**
 * The tier rules of STYLE.md, reusable by every Savoir module: API types never expose SPI or internal types in
 * their public signatures (the one declared exception: a builder's wiring methods, which take SPI implementations),
 * and SPI types never expose internal types.
 */
public final class ArchitectureRules {
    private ArchitectureRules() {
    }

    static boolean isInternal(JavaClass c) {
        return c.getPackageName().contains(".internal");
    }

    static boolean isSpi(JavaClass c) {
        return c.getPackageName().endsWith(".spi") || c.getPackageName().contains(".spi.");
    }

    static boolean isApi(JavaClass c) {
        return c.getPackageName().startsWith("dev.savoir.kb") && !isInternal(c) && !isSpi(c);
    }

    /** API types whose public members mention no internal type, and no SPI type unless the owner is a builder. */
    public static ArchRule apiExposesNoSpiOrInternalTypes() {
        return ArchRuleDefinition.classes()
                .that(new DescribedPredicate<>("are public API types") {
                    @Override
                    public boolean test(JavaClass c) {
                        return isApi(c) && c.getModifiers().contains(JavaModifier.PUBLIC);
                    }
                })
                .should(exposeNothingFrom(true));
    }

    /** SPI types whose public members mention no internal type. */
    public static ArchRule spiExposesNoInternalTypes() {
        return ArchRuleDefinition.classes()
                .that(new DescribedPredicate<>("are SPI types") {
                    @Override
                    public boolean test(JavaClass c) {
                        return isSpi(c) && c.getModifiers().contains(JavaModifier.PUBLIC);
                    }
                })
                .should(exposeNothingFrom(false));
    }

    private static ArchCondition<JavaClass> exposeNothingFrom(boolean api) {
        return new ArchCondition<>(api ? "expose no SPI or internal type in public signatures (builders may take SPI)"
                : "expose no internal type in public signatures") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                boolean builder = c.getSimpleName().endsWith("Builder");
                for (JavaCodeUnit m : c.getCodeUnits()) {
                    if (!m.getModifiers().contains(JavaModifier.PUBLIC)) {
                        continue;
                    }
                    Set<JavaClass> involved = new HashSet<>(m.getReturnType().getAllInvolvedRawTypes());
                    m.getParameterTypes().forEach(p -> involved.addAll(p.getAllInvolvedRawTypes()));
                    report(c, m.getFullName(), involved, api && !builder, events);
                }
                for (JavaField f : c.getFields()) {
                    if (f.getModifiers().contains(JavaModifier.PUBLIC)) {
                        report(c, f.getFullName(), f.getType().getAllInvolvedRawTypes(), api, events);
                    }
                }
                for (JavaClass s : c.getInterfaces().stream().map(t -> t.toErasure()).toList()) {
                    report(c, c.getName() + " implements", Set.of(s), api, events);
                }
            }

            private void report(JavaClass owner, String where, Set<JavaClass> types, boolean spiForbidden,
                                ConditionEvents events) {
                for (JavaClass t : types) {
                    if (isInternal(t) || (spiForbidden && isSpi(t))) {
                        events.add(SimpleConditionEvent.violated(owner, where + " exposes " + t.getName()));
                    }
                }
            }
        };
    }

    /** The main source files of the module under test (its {@code src/main/java}) longer than {@code maxLines}. */
    public static java.util.List<java.nio.file.Path> mainSourcesLongerThan(int maxLines) throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return java.nio.file.Files.readAllLines(f).size() > maxLines;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
    }
}
