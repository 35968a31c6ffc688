package dev.savoir.kb.lucene.internal.assist;

import java.util.Locale;
import java.util.Set;

/**
 * The words agent assist never matches a ticket on, beyond the stop words its language's analyzer already drops:
 * for English, Snowball's English stop list (the analyzer's own list is Lucene's short one, which keeps {@code we},
 * {@code our}, {@code you}, {@code don't}; the French, German, Spanish, Italian, Portuguese and Dutch analyzers
 * already use Snowball's lists), and in every language the politeness words of a support ticket (greetings,
 * thanks, please). Order, ticket and case references are removed earlier, by {@link TicketCleaner}.
 */
final class TicketStopWords {
    /** Snowball's English stop list (snowballstem.org, BSD licence), as Lucene ships it. */
    static final Set<String> ENGLISH = Set.of(
            "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
            "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
            "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these",
            "those", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do",
            "does", "did", "doing", "would", "should", "could", "ought", "i'm", "you're", "he's", "she's", "it's",
            "we're", "they're", "i've", "you've", "we've", "they've", "i'd", "you'd", "he'd", "she'd", "we'd",
            "they'd", "i'll", "you'll", "he'll", "she'll", "we'll", "they'll", "isn't", "aren't", "wasn't",
            "weren't", "hasn't", "haven't", "hadn't", "doesn't", "don't", "didn't", "won't", "wouldn't", "shan't",
            "shouldn't", "can't", "cannot", "couldn't", "mustn't", "let's", "that's", "who's", "what's", "here's",
            "there's", "when's", "where's", "why's", "how's", "a", "an", "the", "and", "but", "if", "or", "because",
            "as", "until", "while", "of", "at", "by", "for", "with", "about", "against", "between", "into",
            "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in", "out", "on",
            "off", "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why",
            "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not",
            "only", "own", "same", "so", "than", "too", "very");

    /** Greetings, thanks and please, in the languages with a dedicated analyzer. */
    static final Set<String> POLITENESS = Set.of(
            "hi", "hello", "hey", "dear", "thanks", "thank", "please", "regards", "cheers", "sincerely",
            "bonjour", "bonsoir", "salut", "merci", "svp", "cordialement",
            "hallo", "danke", "bitte", "grüße", "gruß",
            "hola", "gracias", "saludos",
            "ciao", "buongiorno", "grazie", "saluti",
            "olá", "obrigado", "obrigada",
            "bedankt", "groeten");

    private TicketStopWords() {
    }

    /** Whether a word of a ticket, as written, is ignored when matching in the language of {@code key}. */
    static boolean ignored(String key, String word) {
        String w = word.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        return POLITENESS.contains(w) || (key.equals("en") && ENGLISH.contains(w));
    }
}
