package dev.savoir.kb.examples;

import dev.savoir.kb.Actor;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.Role;
import dev.savoir.kb.search.AssistHit;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Agent assist in a helpdesk: a ticket's subject and description in (with the greeting, the signature, the quoted
 * previous reply and the order number a real ticket has), the articles an agent should read out, internal
 * procedures included, with the words that matched.
 */
public final class AgentAssist {
    /** A realistic, noisy ticket. */
    public static final String SUBJECT = "Hub offline again since the router change";
    public static final String DESCRIPTION = """
            Hello,

            Since we replaced our internet box yesterday the Lumo hub shows offline in the app and the bulbs
            don't react anymore. The LED on the hub is blinking orange. I already restarted it twice.
            Order number LUM-2026-48213, account marc.dupont@example.com.

            Thanks for your help,
            Marc Dupont
            Sent from my phone

            > On Mon, 9 Nov 2026, Lumo Support <support@lumo.example> wrote:
            > Thank you for contacting Lumo. Your ticket has been received.
            """;

    private AgentAssist() {
    }

    /** The agent handling the ticket (the same actor links the ticket to the article that solved it). */
    public static final Actor AGENT = Actor.of("agent-7@lumo.example", Role.AGENT);

    /** The suggestions for the sample ticket, as an agent sees them (internal procedures included). */
    public static List<AssistHit> suggest(KnowledgeBase kb) {
        return kb.suggestForTicket(AGENT, Locale.ENGLISH, SUBJECT, DESCRIPTION, 5);
    }

    public static void main(String[] args) throws Exception {
        Path folder = args.length > 0 && !args[0].isBlank() ? Path.of(args[0])
                : TempFolder.create("savoir-assist");
        try (KnowledgeBase kb = SampleKnowledgeBase.open(folder, Clock.systemUTC())) {
            print(suggest(kb));
        }
    }

    static void print(List<AssistHit> hits) {
        System.out.println("Ticket: " + SUBJECT);
        for (AssistHit h : hits) {
            System.out.printf("  %-28s %-45s matched %s%n", h.hit().articleId(), h.hit().title(), h.matchedTerms());
        }
    }
}
