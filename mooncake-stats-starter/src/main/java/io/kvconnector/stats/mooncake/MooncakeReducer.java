package io.kvconnector.stats.mooncake;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kvconnector.stats.internal.SampleRows;
import io.kvconnector.stats.numeric.ExactSum;
import io.kvconnector.stats.numeric.NearestRankPercentile;
import io.kvconnector.stats.numeric.PythonRound;

/**
 * vLLM's Mooncake {@code reduce()}, bit for bit: per operation in code-point order, the
 * count, the fsum mean and nearest-rank p90 in milliseconds, exact integer sums and the
 * error count.
 *
 * @author kvconnector-stats
 */
final class MooncakeReducer {

	private MooncakeReducer() {
	}

	/**
	 * Reduce the records of every stripe as vLLM reduces one list: the totals are
	 * gathered with every stripe held, the rest is computed after.
	 * @param records the records
	 * @return vLLM's keys, in vLLM's order
	 */
	static Map<String, Number> reduce(StripedRecords records) {
		List<OperationTotals> operations = records.exclusive(MooncakeReducer::totals);
		operations.sort((a, b) -> compareCodePoints(a.operation(), b.operation()));
		Map<String, Number> reduced = new LinkedHashMap<>();
		for (OperationTotals totals : operations) {
			String operation = totals.operation();
			double[] durations = totals.durations();
			int n = durations.length;
			double mean = ExactSum.fsum(durations) / n;
			double p90 = NearestRankPercentile.percentile(durations, n, 0.9);
			reduced.put(operation + "_count", n);
			reduced.put(operation + "_avg_ms", PythonRound.round(mean * 1e3, 3));
			reduced.put(operation + "_p90_ms", PythonRound.round(p90 * 1e3, 3));
			reduced.put(operation + "_total_keys", totals.keys());
			reduced.put(operation + "_total_bytes", totals.bytes());
			reduced.put(operation + "_failed_keys", totals.failedKeys());
			reduced.put(operation + "_error_count", totals.errors());
		}
		return reduced;
	}

	/**
	 * Gather what each operation's records add up to over all stripes; called with all
	 * stripes locked. Which stripe holds a record does not change vLLM's Mooncake reduce:
	 * fsum, the nearest rank and the integer sums do not depend on order.
	 */
	private static List<OperationTotals> totals(Stripe[] stripes) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (Stripe stripe : stripes) {
			OperationTables tables = stripe.records().operations;
			for (int i = 0; i < tables.size(); i++) {
				counts.merge(tables.name(i), tables.table(i).size(), Integer::sum);
			}
		}
		List<OperationTotals> operations = new ArrayList<>();
		counts.forEach((operation, n) -> {
			if (n > 0) {
				double[] durations = new double[n];
				int filled = 0;
				Number keys = 0L;
				Number bytes = 0L;
				Number failedKeys = 0L;
				int errors = 0;
				for (Stripe stripe : stripes) {
					SampleRows rows = stripe.records().operations.get(operation);
					if (rows != null) {
						rows.copyDoubles(OperationRecords.DURATION, durations, filled);
						filled += rows.size();
						keys = add(keys, rows.sumExact(OperationRecords.KEYS));
						bytes = add(bytes, rows.sumExact(OperationRecords.BYTES));
						failedKeys = add(failedKeys, rows.sumExact(OperationRecords.FAILED_KEYS));
						errors += rows.count(OperationRecords.STATUS, OperationRecords.ERROR_INDEX);
					}
				}
				operations.add(new OperationTotals(operation, durations, keys, bytes, failedKeys, errors));
			}
		});
		return operations;
	}

	private static Number add(Number a, Number b) {
		if (a instanceof Long x && b instanceof Long y) {
			long sum = x + y;
			if (((x ^ sum) & (y ^ sum)) >= 0) {
				return sum;
			}
		}
		return toBigInteger(a).add(toBigInteger(b));
	}

	private static BigInteger toBigInteger(Number value) {
		return (value instanceof BigInteger big) ? big : BigInteger.valueOf(value.longValue());
	}

	/**
	 * Compare names by code point, as Python sorts strings, not by UTF-16 unit.
	 */
	static int compareCodePoints(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int ca = a.codePointAt(i);
			int cb = b.codePointAt(j);
			if (ca != cb) {
				return Integer.compare(ca, cb);
			}
			i += Character.charCount(ca);
			j += Character.charCount(cb);
		}
		return Boolean.compare(i < a.length(), j < b.length());
	}

	/**
	 * What one operation's records add up to, taken under the lock.
	 */
	private record OperationTotals(String operation, double[] durations, Number keys, Number bytes, Number failedKeys,
			int errors) {

	}

}
