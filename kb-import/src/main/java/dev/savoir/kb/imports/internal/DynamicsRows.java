package dev.savoir.kb.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Reads the rows of a Dynamics 365 knowledge article export: a CSV file with the {@code knowledgearticle} columns'
 * logical names as its header, or the {@code data.xml} of the Configuration Migration tool
 * ({@code <entities><entity name="knowledgearticle"><records><record><field name=".." value=".."/>}). Field names
 * are lower-cased; a lookup's display name ({@code lookupentityname}) is kept as {@code <field>@name}. A malformed
 * file is refused with its line; an XML file with a DOCTYPE is refused (no entity is ever expanded).
 */
public final class DynamicsRows {
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.WRAP_AS_ARRAY)
            .enable(CsvReadFeature.SKIP_EMPTY_LINES).build();
    /** The entity a Configuration Migration tool export names knowledge articles with. */
    public static final String ENTITY = "knowledgearticle";

    /** One knowledge article record and where it starts. */
    public record Row(long line, Map<String, String> fields) {
        /** A field, or "" when absent. */
        public String get(String name) {
            return fields.getOrDefault(name, "").strip();
        }
    }

    /** The rows, and notes about what the file held besides knowledge articles. */
    public record Rows(List<Row> rows, List<String> skipped) {
    }

    private DynamicsRows() {
    }

    private static void checkFile(Path file, String name, long maxBytes) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw JsonItems.refused(name, 0, "is not a regular file (missing, a folder or a symbolic link)");
            }
            if (Files.size(file) > maxBytes) {
                throw JsonItems.refused(name, 0, "is " + Files.size(file) + " bytes, over the limit of " + maxBytes);
            }
        } catch (IOException e) {
            throw JsonItems.refused(name, 0, "cannot be read: " + e.getMessage());
        }
    }

    /** The rows of a CSV export; the header is row 1. */
    public static Rows csv(Path file, String name, long maxBytes) {
        checkFile(file, name, maxBytes);
        List<Row> rows = new ArrayList<>();
        long number = 1;
        long reading = 1;
        try (InputStream in = Files.newInputStream(file);
             MappingIterator<List<String>> it = CSV.readerFor(new TypeReference<List<String>>() { }).readValues(in)) {
            if (!it.hasNextValue()) {
                throw JsonItems.refused(name, 0, "the file is empty: the first row must name the columns (title, "
                        + "content, languagelocaleid, statecode...)");
            }
            List<String> header = new ArrayList<>();
            for (String h : it.nextValue()) {
                String c = h == null ? "" : h.strip().toLowerCase(Locale.ROOT);
                header.add(header.isEmpty() && c.startsWith("\uFEFF") ? c.substring(1) : c);
            }
            if (new LinkedHashSet<>(header).size() != header.size()) {
                throw JsonItems.refused(name, 1, "a column is named twice: " + header);
            }
            if (!header.contains("title") || !header.contains("content")) {
                throw JsonItems.refused(name, 1, "the header needs the columns title and content (the logical names"
                        + " of the knowledgearticle columns), found " + header);
            }
            while (true) {
                reading = number + 1;
                if (!it.hasNextValue()) {
                    break;
                }
                List<String> values = it.nextValue();
                number = reading;
                if (values.size() != header.size()) {
                    throw JsonItems.refused(name, number, values.size() + " fields, but the header has "
                            + header.size());
                }
                Map<String, String> fields = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    fields.put(header.get(i), values.get(i) == null ? "" : values.get(i));
                }
                rows.add(new Row(number, fields));
            }
        } catch (JacksonException e) {
            throw JsonItems.refused(name, reading, "not valid CSV: " + String.valueOf(e.getOriginalMessage())
                    .replace('\n', ' '));
        } catch (IOException e) {
            throw JsonItems.refused(name, 0, "cannot be read: " + e.getMessage());
        }
        return new Rows(rows, List.of());
    }

    /** The knowledge article records of a Configuration Migration tool {@code data.xml}. */
    public static Rows xml(Path file, String name, long maxBytes) {
        checkFile(file, name, maxBytes);
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        List<Row> rows = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long line = 0;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            String entity = null;
            Map<String, String> fields = null;
            long recordLine = 0;
            boolean root = true;
            int others = 0;
            while (r.hasNext()) {
                int event = r.next();
                line = r.getLocation().getLineNumber();
                if (event == XMLStreamConstants.DTD) {
                    throw JsonItems.refused(name, line, "a DOCTYPE is not allowed in an export");
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw JsonItems.refused(name, line, "the entity reference &" + r.getLocalName() + "; is not "
                            + "allowed: only the predefined XML entities are");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String el = r.getLocalName();
                    if (root) {
                        if (!el.equals("entities")) {
                            throw JsonItems.refused(name, line, "the root element is <" + el + ">: a Configuration "
                                    + "Migration tool data.xml starts with <entities>");
                        }
                        root = false;
                    } else if (el.equals("entity")) {
                        entity = attr(r, "name").toLowerCase(Locale.ROOT);
                    } else if (el.equals("record") && ENTITY.equals(entity)) {
                        fields = new HashMap<>();
                        fields.put("knowledgearticleid", attr(r, "id"));
                        recordLine = line;
                    } else if (el.equals("record")) {
                        others++;
                    } else if (el.equals("field") && fields != null) {
                        String field = attr(r, "name").toLowerCase(Locale.ROOT);
                        fields.put(field, attr(r, "value"));
                        String lookup = attr(r, "lookupentityname");
                        if (!lookup.isEmpty()) {
                            fields.put(field + "@name", lookup);
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String el = r.getLocalName();
                    if (el.equals("record") && fields != null) {
                        rows.add(new Row(recordLine, fields));
                        fields = null;
                    } else if (el.equals("entity")) {
                        entity = null;
                    }
                }
            }
            if (root) {
                throw JsonItems.refused(name, 0, "the file holds no element: export data.xml");
            }
            if (others > 0) {
                skipped.add(name + ": " + others + " record(s) of other entities left out (only " + ENTITY
                        + " is imported)");
            }
        } catch (XMLStreamException e) {
            long at = e.getLocation() == null ? line : e.getLocation().getLineNumber();
            throw JsonItems.refused(name, Math.max(0, at), "not valid XML: " + e.getMessage().replace('\n', ' ')
                    .replaceAll("^ParseError at \\[row,col]:\\[\\d+,\\d+]\\s*Message: ", ""));
        } catch (IOException e) {
            throw JsonItems.refused(name, 0, "cannot be read: " + e.getMessage());
        }
        return new Rows(rows, skipped);
    }

    private static String attr(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null ? "" : v;
    }
}
