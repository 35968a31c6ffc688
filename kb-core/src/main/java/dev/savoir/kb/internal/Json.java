package dev.savoir.kb.internal;

import java.util.Locale;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON mapper of kb-core's persisted formats (store log, exports). Locales are written as BCP 47 tags so
 * that {@code zh-Hant-TW} survives a round trip.
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(localeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The store's mapper: like {@link #mapper()}, but instants as numbers (epoch seconds with nanoseconds), which
     * parse several times faster than ISO text when a large store opens.
     */
    private static final JsonMapper STORE_MAPPER = MAPPER.rebuild()
            .enable(tools.jackson.databind.cfg.DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(tools.jackson.databind.cfg.DateTimeFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .build();

    private Json() {
    }

    /** The shared, thread-safe mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** The store log's and checkpoint's mapper (numeric instants). */
    public static JsonMapper storeMapper() {
        return STORE_MAPPER;
    }

    private static SimpleModule localeModule() {
        SimpleModule module = new SimpleModule("savoir-locale");
        ValueSerializer<Locale> ser = new ValueSerializer<>() {
            @Override
            public void serialize(Locale value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(value.toLanguageTag());
            }
        };
        module.addSerializer(Locale.class, ser);
        module.addKeySerializer(Locale.class, new ValueSerializer<>() {
            @Override
            public void serialize(Locale value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeName(value.toLanguageTag());
            }
        });
        module.addDeserializer(Locale.class, new ValueDeserializer<>() {
            @Override
            public Locale deserialize(JsonParser p, DeserializationContext ctxt) {
                return Locale.forLanguageTag(p.getValueAsString());
            }
        });
        module.addKeyDeserializer(Locale.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext ctxt) {
                return Locale.forLanguageTag(key);
            }
        });
        return module;
    }
}
