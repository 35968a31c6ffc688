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
 * The one JSON mapper of kb-core's persisted formats: its factory makes the parsers and generators of the store log
 * and the exports (which write and read their records field by field), and it binds the internal records of the
 * feedback and analytics logs. Locales are written as BCP 47 tags so that {@code zh-Hant-TW} survives a round trip.
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(localeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** The shared, thread-safe mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
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
