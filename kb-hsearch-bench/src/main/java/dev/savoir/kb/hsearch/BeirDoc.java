package dev.savoir.kb.hsearch;

import java.util.List;
import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Highlightable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.DocumentId;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.FullTextField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.Indexed;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.KeywordField;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.SearchEntity;

/**
 * One document of a BEIR collection as a Hibernate Search entity: the title (projected in every hit) and body
 * (highlightable) analysed by the collection language's Lucene analyzer ({@value #ANALYZER}), two tags (aggregable)
 * and the visibility every document shares, which the filter clause of each search matches (as Savoir's viewer
 * filter does).
 */
@SearchEntity
@Indexed(index = "beir")
public final class BeirDoc {
    /** The analyzer name the mapping configures per locale ({@link HibernateSearchCall}). */
    public static final String ANALYZER = "text";
    /** The visibility of every document. */
    public static final String PUBLIC = "public";

    @DocumentId
    private final String id;
    @FullTextField(analyzer = ANALYZER, projectable = Projectable.YES)
    private final String title;
    @FullTextField(analyzer = ANALYZER, highlightable = Highlightable.UNIFIED)
    private final String body;
    @KeywordField(aggregable = Aggregable.YES)
    private final List<String> tags;
    @KeywordField
    private final String visibility;

    /** A public document. */
    public BeirDoc(String id, String title, String body, List<String> tags) {
        this.id = id;
        this.title = title;
        this.body = body;
        this.tags = List.copyOf(tags);
        this.visibility = PUBLIC;
    }

    public String getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getBody() {
        return body;
    }

    public List<String> getTags() {
        return tags;
    }

    public String getVisibility() {
        return visibility;
    }
}
