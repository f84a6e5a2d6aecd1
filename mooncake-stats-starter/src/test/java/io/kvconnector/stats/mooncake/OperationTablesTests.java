package io.kvconnector.stats.mooncake;

import java.util.ArrayList;
import java.util.List;

import io.kvconnector.stats.internal.ChunkPool;
import io.kvconnector.stats.internal.SampleRows;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OperationTables}.
 *
 * @author kvconnector-stats
 */
class OperationTablesTests {

	private final OperationTables tables = new OperationTables(4, new ChunkPool(4, 1 << 20));

	@Test
	void findsEachOperationsTableAndKeepsTheOrderTheyFirstAppeared() {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			names.add("op-" + (i * 7919 % 100));
		}
		for (String name : names) {
			this.tables.getOrAdd(name).append(names.indexOf(name), 0, 0, 0);
		}
		assertThat(this.tables.size()).isEqualTo(100);
		for (int i = 0; i < 100; i++) {
			assertThat(this.tables.name(i)).isEqualTo(names.get(i));
			assertThat(this.tables.get(new String(names.get(i)))).isSameAs(this.tables.table(i));
			assertThat(this.tables.table(i).get(0, 0)).isEqualTo(i);
		}
		assertThat(this.tables.get("op-100")).isNull();
	}

	@Test
	void findsOperationsWhoseHashesCollide() {
		// "Aa" and "BB" have the same String hash code
		this.tables.getOrAdd("Aa").append(1, 0, 0, 0);
		this.tables.getOrAdd("BB").append(2, 0, 0, 0);
		assertThat(this.tables.get("Aa").get(0, 0)).isEqualTo(1);
		assertThat(this.tables.get("BB").get(0, 0)).isEqualTo(2);
		assertThat(this.tables.get("AaAa")).isNull();
	}

	@Test
	void clearEmptiesAndReusesTheTablesForTheNextOperations() {
		SampleRows first = this.tables.getOrAdd("save_put");
		first.append(1, 1, 1, 1);
		this.tables.clear();
		assertThat(this.tables.isEmpty()).isTrue();
		assertThat(this.tables.get("save_put")).isNull();
		SampleRows reused = this.tables.getOrAdd("load_get");
		assertThat(reused).isSameAs(first);
		assertThat(reused.size()).isZero();
		assertThat(this.tables.name(0)).isEqualTo("load_get");
	}

	@Test
	void clearGivesUpTheTablesOfAnIntervalWithManyOperations() {
		SampleRows first = this.tables.getOrAdd("op-0");
		for (int i = 1; i <= 64; i++) {
			this.tables.getOrAdd("op-" + i);
		}
		this.tables.clear();
		assertThat(this.tables.getOrAdd("op-0")).isNotSameAs(first);
	}

}
