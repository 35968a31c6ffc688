/** Learning paths behind {@link dev.savoir.kb.learning.LearningPaths}: acknowledgements and their lapse, reports. */
@NullMarked
package dev.savoir.kb.internal.learning;

import org.jspecify.annotations.NullMarked;
