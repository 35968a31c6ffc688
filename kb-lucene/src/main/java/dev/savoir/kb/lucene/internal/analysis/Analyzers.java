package dev.savoir.kb.lucene.internal.analysis;

import java.io.Reader;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.tartarus.snowball.ext.DutchStemmer;

/**
 * Per-language analysis. Every chain folds case and accents (so {@code equipe} matches {@code équipe}), removes
 * elided articles where the language has them ({@code l'}, {@code d'}, {@code qu'}), drops stop words and stems
 * lightly. Languages without a dedicated chain get case and accent folding only.
 *
 * <p>Every chain, the plain one included, first turns colons into spaces: the word-break rules keep letters around a
 * colon together ({@code title:invoice}, {@code Error:timeout} would each be one term), but in pasted text (error
 * messages, log lines, {@code invoice:12345}) a colon separates words, and there is no field syntax to protect.
 */
public final class Analyzers {
    /** The languages with a dedicated chain; any other language uses {@link #DEFAULT}. */
    public static final Set<String> LANGUAGES = Set.of("en", "fr", "de", "es", "it", "pt", "nl");
    /** The analysis key of languages without a dedicated chain. */
    public static final String DEFAULT = "xx";

    private static final CharArraySet FRENCH_ELISIONS = new CharArraySet(Arrays.asList(
            "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"), true);
    private static final CharArraySet ITALIAN_ELISIONS = new CharArraySet(Arrays.asList(
            "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl",
            "sugl", "un", "m", "t", "s", "v", "d"), true);

    /** Colons (ASCII, fullwidth, small and presentation forms) become spaces before tokenizing. */
    private static final NormalizeCharMap COLONS;

    static {
        NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
        for (String colon : List.of(":", "\uFF1A", "\uFE55", "\uFE13")) {
            b.add(colon, " ");
        }
        COLONS = b.build();
    }

    private final Map<String, Analyzer> byKey = new ConcurrentHashMap<>();
    private final Analyzer plain = new FoldingAnalyzer();

    /** The analysis key of a locale: its language when it has a dedicated chain, else {@link #DEFAULT}. */
    public static String key(Locale locale) {
        String lang = locale.getLanguage();
        return LANGUAGES.contains(lang) ? lang : DEFAULT;
    }

    /** The analyzer of an analysis key. */
    public Analyzer forKey(String key) {
        return byKey.computeIfAbsent(key, Analyzers::create);
    }

    /** Lower case and accent folding only, no stemming or stop words (spelling, autocomplete). */
    public Analyzer plain() {
        return plain;
    }

    private static Analyzer create(String key) {
        return switch (key) {
            case "en" -> new Chain(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, null, "en");
            case "fr" -> new Chain(FrenchAnalyzer.getDefaultStopSet(), FRENCH_ELISIONS, "fr");
            case "de" -> new Chain(GermanAnalyzer.getDefaultStopSet(), null, "de");
            case "es" -> new Chain(SpanishAnalyzer.getDefaultStopSet(), null, "es");
            case "it" -> new Chain(ItalianAnalyzer.getDefaultStopSet(), ITALIAN_ELISIONS, "it");
            case "pt" -> new Chain(PortugueseAnalyzer.getDefaultStopSet(), null, "pt");
            case "nl" -> new Chain(DutchAnalyzer.getDefaultStopSet(), null, "nl");
            default -> new FoldingAnalyzer();
        };
    }

    /** The text with colons as spaces (see the class comment). */
    static Reader splitColons(Reader reader) {
        return new MappingCharFilter(COLONS, reader);
    }

    /** Standard tokenizer, elision, lower case, stop words, accent folding, light stemming. */
    private static final class Chain extends Analyzer {
        private final CharArraySet stop;
        private final CharArraySet elisions;
        private final String lang;

        Chain(CharArraySet stop, CharArraySet elisions, String lang) {
            this.stop = stop;
            this.elisions = elisions;
            this.lang = lang;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = source;
            if (lang.equals("en")) {
                ts = new EnglishPossessiveFilter(ts);
            }
            if (elisions != null) {
                ts = new ElisionFilter(ts, elisions);
            }
            ts = new LowerCaseFilter(ts);
            ts = new StopFilter(ts, stop);
            ts = switch (lang) {
                case "en" -> new PorterStemFilter(new ASCIIFoldingFilter(ts));
                case "fr" -> new FrenchLightStemFilter(new ASCIIFoldingFilter(ts));
                case "de" -> new ASCIIFoldingFilter(new GermanLightStemFilter(new GermanNormalizationFilter(ts)));
                case "es" -> new SpanishLightStemFilter(new ASCIIFoldingFilter(ts));
                case "it" -> new ItalianLightStemFilter(new ASCIIFoldingFilter(ts));
                case "pt" -> new ASCIIFoldingFilter(new PortugueseLightStemFilter(ts));
                case "nl" -> new ASCIIFoldingFilter(new SnowballFilter(ts, new DutchStemmer()));
                default -> new ASCIIFoldingFilter(ts);
            };
            return new TokenStreamComponents(source, ts);
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return splitColons(reader);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    }

    /** Standard tokenizer, lower case, accent folding. */
    private static final class FoldingAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
        }

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return splitColons(reader);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    }
}
