package io.kvconnector.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SampleRows}.
 *
 * @author kvconnector-stats
 */
class SampleRowsTests {

	@Test
	void keepsRowsAcrossManyChunksInOrder() {
		SampleRows rows = new SampleRows(4);
		for (int i = 0; i < 5000; i++) {
			rows.append(i, -i, Double.doubleToRawLongBits(i / 1e6), 7);
		}
		assertThat(rows.size()).isEqualTo(5000);
		assertThat(rows.get(4999, 0)).isEqualTo(4999);
		assertThat(rows.get(1024, 1)).isEqualTo(-1024);
		double[] column = new double[5000];
		rows.copyDoubles(2, column);
		assertThat(column[1234]).isEqualTo(1234 / 1e6);
	}

	@Test
	void appendAllStopsAtTheLimitAndReportsWhatDidNotFit() {
		SampleRows source = new SampleRows(5);
		for (int i = 0; i < 3000; i++) {
			source.append(i, 1, 2, 3, 4);
		}
		SampleRows target = new SampleRows(5);
		target.append(-1, 0, 0, 0, 0);
		assertThat(target.appendAll(source, 2500)).isEqualTo(501);
		assertThat(target.size()).isEqualTo(2500);
		assertThat(target.get(2499, 0)).isEqualTo(2498);
		assertThat(target.appendAll(target, Integer.MAX_VALUE)).isZero();
		assertThat(target.size()).isEqualTo(5000);
		assertThat(target.get(4999, 0)).isEqualTo(2498);
	}

	@Test
	void copyIsIndependent() {
		SampleRows rows = new SampleRows(4);
		rows.append(1, 2, 3, 4);
		SampleRows copy = rows.copy();
		rows.append(5, 6, 7, 8);
		assertThat(copy.size()).isEqualTo(1);
		copy.append(9, 9, 9, 9);
		assertThat(rows.get(1, 0)).isEqualTo(5);
	}

	@Test
	void rowsOfTheWrongWidthAreRefused() {
		assertThatIllegalStateException().isThrownBy(() -> new SampleRows(5).append(1, 2, 3, 4));
	}

}
