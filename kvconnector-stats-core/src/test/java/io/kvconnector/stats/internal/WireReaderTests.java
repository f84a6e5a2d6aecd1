package io.kvconnector.stats.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import org.junit.jupiter.api.Test;

import io.kvconnector.stats.InvalidStatsDataException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WireReader} and {@link WireFormat}.
 *
 * @author kvconnector-stats
 */
class WireReaderTests {

	@Test
	void integerAcceptsIntegralNumbersAsPythonMayWriteThem() {
		assertThat(integers("[2, 2.0, 2.000, 10, 9223372036854775807]", Long.MAX_VALUE)).containsExactly(2L, 2L, 2L,
				10L, Long.MAX_VALUE);
	}

	@Test
	void integerRejectsFractionsOutOfRangeValuesAndNonNumbers() {
		assertRejected(() -> integers("[0, 1.5]", 10), "[1]", "expected an integer but got 1.5");
		assertRejected(() -> integers("[11]", 10), "[0]", "between 0 and 10 but got 11");
		assertRejected(() -> integers("[-1]", 10), "[0]", "between 0 and 10 but got -1");
		assertRejected(() -> integers("[9.223372036854775808e18]", Long.MAX_VALUE), "[0]", "expected an integer");
		assertRejected(() -> integers("[18446744073709551616]", Long.MAX_VALUE), "[0]", "between");
		assertRejected(() -> integers("[NaN]", 10), "[0]", "expected an integer");
		assertRejected(() -> integers("[\"1\"]", 10), "[0]", "expected an integer but got a string");
		assertRejected(() -> integers("[true]", 10), "[0]", "got a boolean");
		assertRejected(() -> integers("[null]", 10), "[0]", "got null");
	}

	@Test
	void durationAcceptsFiniteNonNegativeNumbersOnly() {
		assertThat(durations("[0, 1.5e-7, 0.1]")).containsExactly(0.0, 1.5e-7, 0.1);
		assertRejected(() -> durations("[-1e-9]"), "[0]", "finite duration >= 0");
		assertRejected(() -> durations("[1, Infinity]"), "[1]", "finite duration");
		assertRejected(() -> durations("[NaN]"), "[0]", "finite duration");
		assertRejected(() -> durations("[1e400]"), "[0]", "finite duration");
		assertRejected(() -> durations("[[]]"), "[0]", "got an array");
		assertRejected(() -> durations("{}"), "", "expected an array but got an object");
	}

	@Test
	void labelsAreOneTo128CodePointsNotBlankWithoutControlCharacters() {
		assertThat(WireFormat.isValidLabel("load_get")).isTrue();
		assertThat(WireFormat.isValidLabel("étagère_get")).isTrue();
		assertThat(WireFormat.isValidLabel("\ud83d\ude00".repeat(128))).isTrue();
		assertThat(WireFormat.isValidLabel("\ud83d\ude00".repeat(129))).isFalse();
		assertThat(WireFormat.isValidLabel("x".repeat(129))).isFalse();
		assertThat(WireFormat.isValidLabel("")).isFalse();
		assertThat(WireFormat.isValidLabel(" \t")).isFalse();
		assertThat(WireFormat.isValidLabel("a\u0000")).isFalse();
		assertThat(WireFormat.isValidLabel("a\u0085")).isFalse();
		assertThat(WireFormat.isValidLabel(null)).isFalse();
		assertRejected(() -> labels("{\"op\": [{\"status\": 3}]}"), "op[0].status", "expected a string");
		assertRejected(() -> labels("{\"op\": [{\"status\": \" \"}]}"), "op[0].status", "not blank");
	}

	@Test
	void labelsReadAgainAreTheSameStrings() {
		List<String> labels = labels("{\"op\": [{\"status\": \"ok\"}, {\"status\": \"ok\"}, {\"status\": \"error\"}]}");
		assertThat(labels).containsExactly("ok", "ok", "error");
		assertThat(labels.get(1)).isSameAs(labels.get(0));
	}

	@Test
	void pathsNameMembersElementsAndMembersOfObjectsJustRead() {
		try (WireReader reader = WireReader.of("{\"data\": {\"a\": [1, {\"b\": 2}]}}")) {
			reader.start();
			assertThat(reader.path()).isEmpty();
			assertThat(reader.nextName()).isEqualTo("data");
			assertThat(reader.path()).isEqualTo("data");
			assertThat(reader.nextName()).isEqualTo("a");
			assertThat(reader.path()).isEqualTo("data.a");
			assertThat(reader.nextElement()).isTrue();
			assertThat(reader.path()).isEqualTo("data.a[0]");
			assertThat(reader.nextElement()).isTrue();
			assertThat(reader.nextName()).isEqualTo("b");
			assertThat(reader.path()).isEqualTo("data.a[1].b");
			assertThat(reader.nextName()).isNull();
			assertThat(reader.path("c")).isEqualTo("data.a[1].c");
			assertThat(reader.nextElement()).isFalse();
			assertThat(reader.nextName()).isNull();
			assertThat(reader.path("post_duration")).isEqualTo("data.post_duration");
		}
	}

	@Test
	void streamsAndDecodedDataReadAlike() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("values", List.of(0.25, 3L, 1e-300));
		List<Double> fromMap = new ArrayList<>();
		try (WireReader reader = WireReader.of(data)) {
			reader.start();
			reader.beginObject();
			reader.nextName();
			reader.beginArray();
			while (reader.nextElement()) {
				fromMap.add(reader.duration());
			}
		}
		byte[] json = "{\"values\": [0.25, 3, 1e-300]}".getBytes(StandardCharsets.UTF_8);
		List<Double> fromStream = new ArrayList<>();
		try (WireReader reader = WireReader.of(new ByteArrayInputStream(json))) {
			reader.start();
			reader.beginObject();
			reader.nextName();
			reader.beginArray();
			while (reader.nextElement()) {
				fromStream.add(reader.duration());
			}
		}
		assertThat(fromStream).isEqualTo(fromMap).containsExactly(0.25, 3.0, 1e-300);
	}

	@Test
	void decodedDataThatJsonCannotHoldIsRejected() {
		assertRejected(() -> WireReader.of(Map.of("values", new Unwritable())), "", "not JSON data");
	}

	/**
	 * A value that cannot be written as JSON.
	 */
	static final class Unwritable {

		public int getValue() {
			throw new IllegalStateException("no value");
		}

	}

	@Test
	void aDocumentEndsAfterItsValue() {
		try (WireReader reader = WireReader.of("{} {}")) {
			reader.start();
			reader.skipValue();
			assertRejected(reader::end, "", "content after the end");
		}
		try (WireReader reader = WireReader.of("")) {
			assertRejected(reader::start, "", "no content");
		}
	}

	@Test
	void aNameGivenTwiceInAnObjectIsMalformedWhereverTheObjectIs() {
		for (String json : List.of("{\"a\": 1, \"a\": 2}", "{\"op\": [{\"k\": 1, \"v\": 2, \"k\": 3}]}")) {
			try (WireReader reader = WireReader.of(json)) {
				reader.start();
				assertRejected(() -> readAll(reader), "", "duplicate member");
			}
		}
		StringBuilder large = new StringBuilder("{");
		for (int i = 0; i < 40; i++) {
			large.append("\"k").append(i).append("\": 1, ");
		}
		try (WireReader reader = WireReader.of(large + "\"k39\": 2}")) {
			reader.start();
			assertRejected(() -> readAll(reader), "", "duplicate member at k39");
		}
		try (WireReader reader = WireReader.of("{\"a\": {\"k\": 1}, \"b\": {\"k\": 1}}")) {
			reader.start();
			readAll(reader);
		}
	}

	private static void readAll(WireReader reader) {
		if (reader.isNull()) {
			return;
		}
		try {
			reader.beginObject();
		}
		catch (InvalidStatsDataException ex) {
			try {
				reader.beginArray();
			}
			catch (InvalidStatsDataException notAnArray) {
				return;
			}
			while (reader.nextElement()) {
				readAll(reader);
			}
			return;
		}
		while (reader.nextName() != null) {
			readAll(reader);
		}
	}

	@Test
	void extraListsMustHoldNumbersOnly() {
		try (WireReader reader = WireReader.of("{\"future\": [1, 2.5, NaN, \"x\"]}")) {
			reader.start();
			reader.beginObject();
			reader.nextName();
			assertRejected(reader::skipNumbers, "future[3]", "expected a number");
		}
	}

	@Test
	void exceptionPathsCanBeRootedInALargerDocument() {
		assertThat(new InvalidStatsDataException("transfer_duration[3]", "bad").withPrefix("data").getPath())
			.isEqualTo("data.transfer_duration[3]");
		assertThat(new InvalidStatsDataException("", "bad").withPrefix("data").getPath()).isEqualTo("data");
		assertThat(new InvalidStatsDataException("a", "bad")).hasMessage("a: bad");
	}

	private static List<Long> integers(String json, long max) {
		return read(json, (reader) -> reader.integer(max));
	}

	private static List<Double> durations(String json) {
		List<Double> values = new ArrayList<>();
		read(json, (reader) -> {
			values.add(reader.duration());
			return 0;
		});
		return values;
	}

	private static List<Long> read(String json, ToLongFunction<WireReader> value) {
		List<Long> values = new ArrayList<>();
		try (WireReader reader = WireReader.of(json)) {
			reader.start();
			reader.beginArray();
			while (reader.nextElement()) {
				values.add(value.applyAsLong(reader));
			}
		}
		return values;
	}

	private static List<String> labels(String json) {
		List<String> labels = new ArrayList<>();
		try (WireReader reader = WireReader.of(json)) {
			reader.start();
			reader.beginObject();
			reader.nextName();
			reader.beginArray();
			while (reader.nextElement()) {
				reader.beginObject();
				reader.nextName();
				labels.add(reader.label());
				reader.nextName();
			}
		}
		return labels;
	}

	private static void assertRejected(Runnable call, String path, String reason) {
		assertThatExceptionOfType(InvalidStatsDataException.class).isThrownBy(call::run).satisfies((ex) -> {
			assertThat(ex.getPath()).isEqualTo(path);
			assertThat(ex.getReason()).contains(reason);
		});
	}

}
