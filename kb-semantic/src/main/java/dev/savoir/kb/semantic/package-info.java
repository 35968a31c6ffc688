/**
 * Semantic search for Savoir, optional: embedding models that run in the host's JVM on the CPU with no download at
 * run time ({@link dev.savoir.kb.semantic.InJarModels}), any ONNX model file
 * ({@link dev.savoir.kb.semantic.OnnxEmbedder}), any langchain4j embedding model
 * ({@link dev.savoir.kb.semantic.LangChain4jEmbedder}), and a langchain4j retriever over a knowledge base's passages
 * that keeps the viewer's visibility ({@link dev.savoir.kb.semantic.KnowledgeBaseRetriever}).
 *
 * @since 0.2
 */
@NullMarked
package dev.savoir.kb.semantic;

import org.jspecify.annotations.NullMarked;
