package io.kvconnector.stats.internal;

import java.math.BigInteger;

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
	void columnScansCoverEveryChunk() {
		SampleRows rows = new SampleRows(5);
		for (int i = 0; i < 2500; i++) {
			rows.append(i, i % 3, Long.MAX_VALUE / 1000, 7, Double.doubleToRawLongBits(i / 4.0));
		}
		long[] first = new long[2500];
		rows.copyLongs(0, first);
		assertThat(first[0]).isZero();
		assertThat(first[2499]).isEqualTo(2499);
		double[] last = new double[2500];
		rows.copyDoubles(4, last);
		assertThat(last[2049]).isEqualTo(2049 / 4.0);
		assertThat(rows.count(1, 2)).isEqualTo(833);
		assertThat(rows.sumExact(3)).isEqualTo(17_500L);
		assertThat(rows.sumExact(0)).isEqualTo(2499L * 2500 / 2);
	}

	@Test
	void sumExactCarriesPastLongRangeLikePythonIntegers() {
		SampleRows rows = new SampleRows(4);
		for (int i = 0; i < 3; i++) {
			rows.append(Long.MAX_VALUE, 0, 0, 0);
		}
		assertThat(rows.sumExact(0)).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(3)));
		assertThat(new SampleRows(4).sumExact(0)).isEqualTo(0L);
	}

	@Test
	void rowsOfTheWrongWidthAreRefused() {
		assertThatIllegalStateException().isThrownBy(() -> new SampleRows(5).append(1, 2, 3, 4));
	}

}
