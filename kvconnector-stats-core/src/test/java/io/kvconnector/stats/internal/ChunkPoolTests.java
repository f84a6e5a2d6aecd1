package io.kvconnector.stats.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChunkPool} with {@link SampleRows}.
 *
 * @author kvconnector-stats
 */
class ChunkPoolTests {

	@Test
	void releasedChunksAreHandedOutAgainInsteadOfAllocated() {
		ChunkPool pool = new ChunkPool(4, 10_000);
		SampleRows first = new SampleRows(4, pool);
		for (int i = 0; i < 3000; i++) {
			first.append(i, i, i, i);
		}
		first.release();
		assertThat(first.size()).isZero();
		assertThat(pool.size()).isEqualTo(3);
		SampleRows second = new SampleRows(4, pool);
		second.append(1, 2, 3, 4);
		assertThat(pool.size()).isEqualTo(2);
		assertThat(second.get(0, 3)).isEqualTo(4);
	}

	@Test
	void keepsNoMoreChunksThanItsCapacity() {
		ChunkPool pool = new ChunkPool(5, 2048);
		SampleRows rows = new SampleRows(5, pool);
		for (int i = 0; i < 5000; i++) {
			rows.append(i, i, i, i, i);
		}
		rows.release();
		assertThat(pool.size()).isEqualTo(2);
	}

	@Test
	void refusesChunksOfAnotherWidth() {
		ChunkPool narrow = new ChunkPool(4, 10_000);
		SampleRows wide = new SampleRows(5, new ChunkPool(5, 10_000));
		wide.append(1, 2, 3, 4, 5);
		narrow.give(new long[5 * 1024]);
		assertThat(narrow.size()).isZero();
		narrow.give(new long[4 * 1024]);
		assertThat(narrow.size()).isEqualTo(1);
	}

}
