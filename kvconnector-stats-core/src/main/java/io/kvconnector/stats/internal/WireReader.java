package io.kvconnector.stats.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import io.kvconnector.stats.InvalidStatsDataException;

/**
 * Reads vLLM's stats wire format token by token from JSON, validating each value as it
 * goes and naming its path when it is wrong, so that a request body becomes samples
 * without a tree of boxed values or a copy of the body. Values are read from the current
 * token; {@link #nextName()} and {@link #nextElement()} move to the next value. Not
 * thread-safe.
 *
 * @author kvconnector-stats
 */
public final class WireReader implements AutoCloseable {

	private static final double TWO_TO_63 = 0x1p63;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER, StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
		.disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
		.build();

	private static final int LABEL_CACHE_SIZE = 8;

	/**
	 * Members of an object compared one by one for duplicates; beyond them, a set.
	 */
	private static final int SMALL_OBJECT = 16;

	private final JsonParser parser;

	private final String[] labels = new String[LABEL_CACHE_SIZE];

	private int labelCount;

	private int nextLabel;

	private @Nullable JsonToken token;

	/**
	 * The objects being read, from the document's outermost: the names of their members
	 * so far, to refuse a name given twice as Jackson's strict duplicate detection does,
	 * without a set for every record.
	 */
	private final Deque<Members> objects = new ArrayDeque<>();

	private final Deque<Members> spareMembers = new ArrayDeque<>();

	private WireReader(JsonParser parser) {
		this.parser = parser;
	}

	/**
	 * Read JSON from a stream, as it arrives; the stream is not closed.
	 * @param json the JSON, in UTF-8 (or UTF-16/32 with a byte order mark)
	 * @return the reader, before the first token
	 */
	public static WireReader of(InputStream json) {
		return new WireReader(MAPPER.createParser(json));
	}

	/**
	 * Read JSON text.
	 * @param json the JSON text
	 * @return the reader, before the first token
	 */
	public static WireReader of(String json) {
		return new WireReader(MAPPER.createParser(json));
	}

	/**
	 * Read data already decoded into maps, lists, numbers and strings, as written to
	 * JSON, so that it is validated exactly as a request body is.
	 * @param data the decoded data
	 * @return the reader, before the first token
	 * @throws InvalidStatsDataException if the data holds something JSON cannot hold
	 */
	public static WireReader of(Map<String, ?> data) {
		try {
			return new WireReader(MAPPER.createParser(MAPPER.writeValueAsBytes(data)));
		}
		catch (JacksonException ex) {
			throw new InvalidStatsDataException("", "not JSON data: " + ex.getOriginalMessage());
		}
	}

	/**
	 * Read a whole document of decoded data.
	 * @param <T> what it is read into
	 * @param data the decoded data
	 * @param read reads the document's value
	 * @return what it was read into
	 * @throws InvalidStatsDataException naming the offending path
	 */
	public static <T> T read(Map<String, ?> data, Function<WireReader, T> read) {
		try (WireReader reader = of(data)) {
			reader.start();
			T value = read.apply(reader);
			reader.end();
			return value;
		}
	}

	/**
	 * Move to the document's value.
	 * @throws InvalidStatsDataException if there is none
	 */
	public void start() {
		if (advance() == null) {
			throw new InvalidStatsDataException("", "malformed JSON: no content");
		}
	}

	/**
	 * Require that the document ends after its value.
	 * @throws InvalidStatsDataException if more follows
	 */
	public void end() {
		if (advance() != null) {
			throw new InvalidStatsDataException("", "malformed JSON: content after the end of the document");
		}
	}

	/**
	 * Require the current value to be an object; {@link #nextName()} then goes through
	 * its members.
	 * @throws InvalidStatsDataException if it is not
	 */
	public void beginObject() {
		if (this.token != JsonToken.START_OBJECT) {
			throw invalid("expected an object but got " + describe());
		}
		Members members = this.spareMembers.poll();
		this.objects.push((members != null) ? members.clear() : new Members());
	}

	/**
	 * Move to the value of the next member of the current object.
	 * @return the member's name, or {@code null} at the end of the object
	 */
	public @Nullable String nextName() {
		if (advance() == JsonToken.END_OBJECT) {
			Members done = this.objects.poll();
			if (done != null) {
				this.spareMembers.push(done);
			}
			return null;
		}
		String name = Objects.requireNonNull(this.parser.currentName());
		Members members = this.objects.peek();
		if (members != null && !members.add(name)) {
			throw new InvalidStatsDataException("", "malformed JSON: duplicate member at " + path());
		}
		advance();
		return name;
	}

	/**
	 * Require the current value to be an array; {@link #nextElement()} then goes through
	 * its elements.
	 * @throws InvalidStatsDataException if it is not
	 */
	public void beginArray() {
		if (this.token != JsonToken.START_ARRAY) {
			throw invalid("expected an array but got " + describe());
		}
	}

	/**
	 * Move to the next element of the current array.
	 * @return whether there is one; {@code false} at the end of the array
	 */
	public boolean nextElement() {
		return advance() != JsonToken.END_ARRAY;
	}

	/**
	 * Skip the current value, with everything it holds.
	 */
	public void skipValue() {
		this.parser.skipChildren();
		this.token = this.parser.currentToken();
	}

	/**
	 * Skip the current value, requiring an array of numbers, as newer vLLM versions add.
	 * @throws InvalidStatsDataException if it is not one
	 */
	public void skipNumbers() {
		beginArray();
		while (nextElement()) {
			if (this.token != JsonToken.VALUE_NUMBER_INT && this.token != JsonToken.VALUE_NUMBER_FLOAT) {
				throw invalid("expected a number");
			}
		}
	}

	/**
	 * Return whether the current value is {@code null}.
	 * @return whether it is
	 */
	public boolean isNull() {
		return this.token == JsonToken.VALUE_NULL;
	}

	/**
	 * Read the current value as a duration in seconds: a finite number, zero or more.
	 * @return the duration
	 * @throws InvalidStatsDataException if it is not one
	 */
	public double duration() {
		if (!isNumber()) {
			throw invalid("expected a number but got " + describe());
		}
		double seconds = this.parser.getDoubleValue();
		if (!Double.isFinite(seconds) || seconds < 0) {
			throw invalid("expected a finite duration >= 0 but got " + this.parser.getNumberValue());
		}
		return seconds;
	}

	/**
	 * Read the current value as an integral number in {@code [0, max]}; {@code 2.0} is
	 * accepted as Python may write it, {@code 1.5} is not.
	 * @param max the largest accepted value
	 * @return the value
	 * @throws InvalidStatsDataException if it is not an integer in range
	 */
	public long integer(long max) {
		if (this.token == JsonToken.VALUE_NUMBER_INT) {
			if (this.parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
				BigInteger integral = this.parser.getBigIntegerValue();
				if (integral.bitLength() > 63) {
					throw invalid(outOfRange(max, integral));
				}
				return inRange(integral.longValue(), max);
			}
			return inRange(this.parser.getLongValue(), max);
		}
		if (this.token == JsonToken.VALUE_NUMBER_FLOAT) {
			double floating = this.parser.getDoubleValue();
			if (floating != Math.rint(floating) || !(Math.abs(floating) < TWO_TO_63)) {
				throw invalid("expected an integer but got " + this.parser.getNumberValue());
			}
			return inRange((long) floating, max);
		}
		throw invalid("expected an integer but got " + describe());
	}

	/**
	 * Read the current value as an operation name or status: a string of 1 to 128 code
	 * points, not blank, without control characters. A label read before is returned
	 * without a new string.
	 * @return the label
	 * @throws InvalidStatsDataException if it is not one
	 */
	public String label() {
		if (this.token != JsonToken.VALUE_STRING) {
			throw invalid("expected a string but got " + describe());
		}
		char[] text = this.parser.getStringCharacters();
		int offset = this.parser.getStringOffset();
		int length = this.parser.getStringLength();
		for (int i = 0; i < this.labelCount; i++) {
			if (matches(this.labels[i], text, offset, length)) {
				return this.labels[i];
			}
		}
		String label = new String(text, offset, length);
		requireLabel(label);
		this.labels[this.nextLabel] = label;
		this.nextLabel = (this.nextLabel + 1) % LABEL_CACHE_SIZE;
		this.labelCount = Math.min(this.labelCount + 1, LABEL_CACHE_SIZE);
		return label;
	}

	/**
	 * Require the name of the current value to be a valid operation name.
	 * @param name the name, as {@link #nextName()} returned it
	 * @return the name
	 * @throws InvalidStatsDataException if it is not valid
	 */
	public String labelName(String name) {
		requireLabel(name);
		return name;
	}

	private void requireLabel(String label) {
		if (!WireFormat.isValidLabel(label)) {
			throw invalid("expected 1 to " + WireFormat.MAX_LABEL_LENGTH
					+ " characters, not blank, without control characters");
		}
	}

	/**
	 * Return the path of the current value, such as {@code data.transfer_duration[3]}.
	 * @return the path; empty for the document itself
	 */
	public String path() {
		TokenStreamContext context = this.parser.streamReadContext();
		if (this.token == JsonToken.START_OBJECT || this.token == JsonToken.START_ARRAY) {
			context = context.getParent();
		}
		Deque<String> segments = new ArrayDeque<>();
		for (; context != null && !context.inRoot(); context = context.getParent()) {
			if (context.inArray()) {
				segments.push("[" + context.getCurrentIndex() + "]");
			}
			else {
				String name = context.currentName();
				segments.push((name != null) ? "." + name : "");
			}
		}
		String path = String.join("", segments);
		return path.startsWith(".") ? path.substring(1) : path;
	}

	/**
	 * Return the path of a member of the current value, or of the object just read.
	 * @param name the member's name
	 * @return the path, such as {@code data.post_duration}
	 */
	public String path(String name) {
		String path = path();
		return path.isEmpty() ? name : path + "." + name;
	}

	@Override
	public void close() {
		this.parser.close();
	}

	/**
	 * Return the I/O failure of a stream being read, when a read failed because of it
	 * rather than because of what it held.
	 * @param ex the failure
	 * @return the stream's failure, or {@code null} when the JSON is malformed
	 */
	public static @Nullable IOException ioFailure(JacksonException ex) {
		return (ex instanceof JacksonIOException && ex.getCause() instanceof IOException io) ? io : null;
	}

	private @Nullable JsonToken advance() {
		this.token = this.parser.nextToken();
		return this.token;
	}

	private boolean isNumber() {
		return this.token == JsonToken.VALUE_NUMBER_INT || this.token == JsonToken.VALUE_NUMBER_FLOAT;
	}

	private long inRange(long value, long max) {
		if (value < 0 || value > max) {
			throw invalid(outOfRange(max, value));
		}
		return value;
	}

	private static String outOfRange(long max, Object value) {
		return "expected an integer between 0 and " + max + " but got " + value;
	}

	private InvalidStatsDataException invalid(String reason) {
		return new InvalidStatsDataException(path(), reason);
	}

	private String describe() {
		if (this.token == null) {
			return "nothing";
		}
		return switch (this.token) {
			case VALUE_NULL -> "null";
			case VALUE_STRING -> "a string";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case START_ARRAY -> "an array";
			case START_OBJECT -> "an object";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			default -> this.token.asString();
		};
	}

	private static boolean matches(String label, char[] text, int offset, int length) {
		if (label.length() != length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (label.charAt(i) != text[offset + i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The member names of one object, compared one by one while there are few.
	 */
	private static final class Members {

		private final String[] small = new String[SMALL_OBJECT];

		private int count;

		private @Nullable Set<String> large;

		Members clear() {
			Arrays.fill(this.small, 0, Math.min(this.count, SMALL_OBJECT), null);
			this.count = 0;
			this.large = null;
			return this;
		}

		boolean add(String name) {
			if (this.large != null) {
				return this.large.add(name);
			}
			for (int i = 0; i < this.count; i++) {
				String seen = this.small[i];
				if (seen == name || seen.equals(name)) {
					return false;
				}
			}
			if (this.count < SMALL_OBJECT) {
				this.small[this.count++] = name;
				return true;
			}
			Set<String> names = new HashSet<>(Arrays.asList(this.small));
			this.large = names;
			return names.add(name);
		}

	}

}
