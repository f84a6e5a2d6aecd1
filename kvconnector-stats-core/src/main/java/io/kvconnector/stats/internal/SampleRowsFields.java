package io.kvconnector.stats.internal;

import org.jspecify.annotations.Nullable;

/**
 * The fields of {@link SampleRows}, between the padding of {@link CacheLinePadding}
 * before them and the padding that {@link SampleRows} adds after them.
 *
 * @author kvconnector-stats
 */
abstract class SampleRowsFields extends CacheLinePadding {

	final int width;

	final @Nullable ChunkPool pool;

	long[][] chunks = new long[0][];

	int size;

	SampleRowsFields(int width, @Nullable ChunkPool pool) {
		if (width < 1) {
			throw new IllegalArgumentException("width must be at least 1");
		}
		this.width = width;
		this.pool = pool;
	}

}
