package dev.savoir.kb.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.savoir.kb.Actor;
import dev.savoir.kb.ArticleId;
import dev.savoir.kb.KnowledgeBase;
import dev.savoir.kb.NewArticle;
import dev.savoir.kb.Role;
import dev.savoir.kb.ViewerContext;
import dev.savoir.kb.Visibility;
import dev.savoir.kb.lucene.LuceneSearchEngine;
import dev.savoir.kb.search.SearchRequest;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/** Whatever a viewer types, no meter name, tag, observation name or key, or error message carries it. */
class NoQueryTextPropertyTest {
    private SimpleMeterRegistry meters;
    private final List<Observation.Context> contexts = new CopyOnWriteArrayList<>();
    private KnowledgeBase kb;

    @BeforeProperty
    void open() {
        meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }

            @Override
            public void onStop(Observation.Context context) {
                contexts.add(context);
            }
        });
        kb = KnowledgeBase.builder().inMemory().requireReview(false).searchEngine(LuceneSearchEngine.factory())
                .observer(SavoirMetrics.create(meters, observations)).build();
        Actor editor = Actor.of("editor", Role.ADMIN);
        kb.create(editor, NewArticle.builder("reset").category("Account").visibility(Visibility.PUBLIC)
                .title("Reset your password").body("Open the settings.").build());
        kb.publish(editor, ArticleId.of("reset"), Locale.ENGLISH, 1);
        kb.refresh();
    }

    @AfterProperty
    void close() {
        kb.close();
    }

    @Property(tries = 60)
    void noTagOrNameCarriesTheQuery(@ForAll @AlphaChars @NumericChars @StringLength(min = 7, max = 40) String typed,
                                    @ForAll boolean segmented) {
        ViewerContext viewer = segmented ? ViewerContext.external(Locale.ENGLISH, "gold")
                : ViewerContext.external(Locale.ENGLISH);
        String query = "password " + typed;
        kb.search(viewer, SearchRequest.of(query), "session-" + typed);
        kb.autocomplete(viewer, typed, 5);
        kb.suggestForTicket(Actor.of("agent", Role.AGENT), Locale.ENGLISH, typed, "about " + typed, 3);
        try {
            kb.passages(viewer, typed, 3);
        } catch (RuntimeException expected) {
            // no embedding model: an error, observed as its class name
        }
        List<String> recorded = new ArrayList<>();
        for (Meter m : meters.getMeters()) {
            recorded.add(m.getId().getName());
            for (Tag t : m.getId().getTags()) {
                recorded.add(t.getKey() + "=" + t.getValue());
            }
        }
        for (Observation.Context c : contexts) {
            recorded.add(c.getName() + " " + c.getContextualName());
            for (KeyValue kv : c.getAllKeyValues()) {
                recorded.add(kv.getKey() + "=" + kv.getValue());
            }
            if (c.getError() != null) {
                recorded.add(String.valueOf(c.getError().getMessage()));
            }
        }
        assertThat(contexts).isNotEmpty();
        String lower = typed.toLowerCase(Locale.ROOT);
        assertThat(recorded).noneMatch(r -> r.toLowerCase(Locale.ROOT).contains(lower));
    }
}
