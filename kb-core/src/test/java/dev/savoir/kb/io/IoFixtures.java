package dev.savoir.kb.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleArchive;
import dev.savoir.kb.ArticleContent;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.ArticleType;
import dev.savoir.kb.AuditAction;
import dev.savoir.kb.AuditEvent;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.MutableClock;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.feedback.VoteReason;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A knowledge base with every lifecycle state, several translations and revisions, and feedback. */
final class IoFixtures {
    static final Actor ADMIN = Actor.of("admin@lumo.example", Role.ADMIN);
    static final Actor AUTHOR = Actor.of("alice@lumo.example", Role.AUTHOR);
    static final Locale EN = Locale.ENGLISH;
    static final Locale FR = Locale.FRENCH;
    static final Locale DE = Locale.GERMAN;
    static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    private IoFixtures() {
    }

    static KnowledgeBase inMemory(MutableClock clock) {
        return KnowledgeBase.builder().inMemory().clock(clock).schedulerInterval(Duration.ZERO).build();
    }

    static KnowledgeBase onDisk(Path dir, MutableClock clock) {
        return KnowledgeBase.builder().directory(dir).clock(clock).schedulerInterval(Duration.ZERO).build();
    }

    static MutableClock clock() {
        return new MutableClock(Instant.parse("2026-06-01T08:00:00.123456Z"));
    }

    private static void publish(KnowledgeBase kb, MutableClock clock, ArticleId id, Locale l, int rev) {
        kb.submitForReview(ADMIN, id, l, rev);
        clock.advance(Duration.ofMinutes(7));
        kb.approve(ADMIN, id, l, rev);
        kb.publish(ADMIN, id, l, rev);
        clock.advance(Duration.ofMinutes(3));
    }

    /** Six articles: draft, in review, published with a pending draft, scheduled, archived, restored... */
    static void populate(KnowledgeBase kb, MutableClock clock) {
        ArticleId reset = kb.create(AUTHOR, NewArticle.builder("reset-password").category("Account > Password")
                .type(ArticleType.HOW_TO).visibility(Visibility.PUBLIC).owner("camille@lumo.example")
                .tags("password", "login").attribute("product", "lumo-app").attribute("crm_entity", "case")
                .reviewInterval(Duration.ofDays(90)).title("Reset your password").summary("One sentence: done.")
                .body("Open **Settings** > *Account*.\n\n1. Tap it\n2. Done\n").contentTags("password", "forgot")
                .changeNote("first draft").build()).id();
        publish(kb, clock, reset, EN, 1);
        kb.edit(AUTHOR, reset, EN, 1, ArticleContent.of("Reset your password", "Open Settings, then Account.\n"),
                "simpler");
        publish(kb, clock, reset, EN, 2);
        kb.addTranslation(AUTHOR, reset, FR, new ArticleContent("Réinitialiser votre mot de passe", "Une phrase.",
                "Ouvrez « Réglages ».\n", List.of("mot de passe")), 2, "traduction");
        publish(kb, clock, reset, FR, 1);
        kb.addTranslation(AUTHOR, reset, DE, ArticleContent.of("Passwort zurücksetzen", "Öffnen Sie ..."), 1, "");
        kb.edit(AUTHOR, reset, EN, 2, ArticleContent.of("Reset your password", "Open Settings > Account.\n"
                + "---\nNot front matter.\n"), "pending");
        kb.submitForReview(AUTHOR, reset, EN, 3);
        clock.advance(Duration.ofHours(2));
        kb.verify(ADMIN, reset);

        kb.create(AUTHOR, NewArticle.builder("draft-only").category("Odd: cases > .hidden 100%")
                .title("A \"quoted\" title: with colon # and hash").summary("multi\nline summary  ")
                .body("\n  leading newline and trailing spaces  \n\ttab").locale(PT_BR).build());
        clock.advance(Duration.ofMinutes(1));

        ArticleId review = kb.create(AUTHOR, NewArticle.builder("in-review").category("Billing")
                .title("Invoices").body("Where to find them.").build()).id();
        kb.submitForReview(AUTHOR, review, EN, 1);

        ArticleId sched = kb.create(AUTHOR, NewArticle.builder("scheduled.v2").category("Billing > Plans")
                .visibility(Visibility.PUBLIC).title("New plans").body("Coming soon.").build()).id();
        kb.submitForReview(AUTHOR, sched, EN, 1);
        kb.approve(ADMIN, sched, EN, 1);
        kb.schedulePublish(ADMIN, sched, EN, 1, clock.instant().plus(Duration.ofDays(10)));

        ArticleId arch = kb.create(AUTHOR, NewArticle.builder("old-firmware").category("Troubleshooting")
                .type(ArticleType.TROUBLESHOOTING).visibility(Visibility.PUBLIC).title("Firmware 1.0")
                .body("Update it.").build()).id();
        publish(kb, clock, arch, EN, 1);
        kb.archive(ADMIN, arch, EN);

        ArticleId seg = kb.create(AUTHOR, NewArticle.builder("partner-install").category("Partners > Installers")
                .type(ArticleType.of("install-guide")).visibility(Visibility.segments("partners", "premium"))
                .title("Install guide v1").body("Step 1.").build()).id();
        kb.edit(AUTHOR, seg, EN, 1, ArticleContent.of("Install guide v2", "Step 1, step 2."), "v2");
        kb.restoreRevision(ADMIN, seg, EN, 1, 2, "back to v1");
        publish(kb, clock, seg, EN, 3);

        ViewerContext customer = ViewerContext.external(EN);
        ViewerContext partner = ViewerContext.external(EN, "partners");
        kb.recordView(customer, "v1", reset);
        kb.recordView(customer, "v2", reset);
        kb.vote(customer, "v1", reset, true, null, null);
        kb.vote(customer, "v2", reset, false, VoteReason.UNCLEAR, "hmm");
        kb.recordView(partner, "p1", seg);
        kb.vote(partner, "p1", seg, true, null, "great");
        kb.linkTicket(ADMIN, reset, "T-1");
        clock.advance(Duration.ofMinutes(5));
    }

    /** Asserts that every article of {@code after} equals {@code before}'s, but for one IMPORTED event at the end. */
    static void assertSameKnowledgeBase(KnowledgeBase before, KnowledgeBase after, boolean feedback) {
        assertThat(after.articleIds()).isEqualTo(before.articleIds());
        for (ArticleId id : before.articleIds()) {
            ArticleArchive b = before.exportArchive(ADMIN, id);
            ArticleArchive a = after.exportArchive(ADMIN, id);
            assertThat(a.article()).as("article %s", id).isEqualTo(b.article());
            assertThat(a.revisions()).as("revisions of %s", id).isEqualTo(b.revisions());
            List<AuditEvent> events = a.events();
            assertThat(events.getLast().action()).isEqualTo(AuditAction.IMPORTED);
            assertThat(events.subList(0, events.size() - 1)).as("events of %s", id).isEqualTo(b.events());
            if (feedback) {
                assertThat(a.feedback()).as("feedback of %s", id).isEqualTo(b.feedback());
            }
        }
    }
}
