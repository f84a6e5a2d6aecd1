/*
 * The sample's page: polls /actuator/kvconnector every 2 s and shows, per connector and
 * engine, the last closed interval's reduce() with vLLM's key names, plus one chart point
 * per closed interval. Values are shown exactly as the endpoint wrote them (each cell
 * also carries the value in data-value), so that what the page says can be compared with
 * the JSON. No framework: the chart library is uPlot, served from its webjar.
 */
(() => {
	'use strict';

	const ENDPOINT = '/actuator/kvconnector';
	const POLL_MILLIS = 2000;
	const MAX_POINTS = 180;
	const CHART_HEIGHT = 150;
	const PALETTE = ['#2f6fde', '#e8710a', '#12a37f', '#c2185b', '#7b5cd6', '#8a6d00', '#00838f', '#5d6b82'];
	const TITLES = { nixl: 'NIXL', mooncake: 'Mooncake store' };
	// the keys vLLM's Mooncake reduce() writes for each operation, in its order
	const MOONCAKE_SUFFIXES = ['_count', '_avg_ms', '_p90_ms', '_total_keys', '_total_bytes', '_failed_keys',
		'_error_count'];

	const views = new Map();
	const dashboard = { polls: 0, failedPolls: 0, lastPoll: null, charts: {} };
	window.kvDashboard = dashboard;

	const $ = (id) => document.getElementById(id);

	function element(tag, attributes, ...children) {
		const node = document.createElement(tag);
		for (const [name, value] of Object.entries(attributes || {})) {
			if (name === 'class') {
				node.className = value;
			}
			else {
				node.setAttribute(name, value);
			}
		}
		for (const child of children) {
			if (child != null) {
				node.append(child);
			}
		}
		return node;
	}

	/**
	 * Parses the endpoint's JSON keeping each number's text as written (1.0 stays 1.0, as
	 * in vLLM's log line): numbers become {value, text}.
	 */
	function parseExact(json) {
		return JSON.parse(json, (key, value, context) => (typeof value !== 'number') ? value : {
			value,
			text: (context && typeof context.source === 'string') ? context.source : String(value),
		});
	}

	function isNumber(value) {
		return value != null && typeof value === 'object' && typeof value.text === 'string';
	}

	/** The exact text of a value as the endpoint wrote it; "inf", "-inf" and "nan" as given. */
	function exact(value) {
		return isNumber(value) ? value.text : String(value);
	}

	/** A number to compute with; 0 for anything else. */
	function numeric(value) {
		return isNumber(value) ? value.value : 0;
	}

	/** A chartable number: non-finite values ("inf", "nan") and missing ones leave a gap. */
	function plottable(value) {
		return (isNumber(value) && Number.isFinite(value.value)) ? value.value : null;
	}

	function bytesHint(value) {
		if (numeric(value) < 1024) {
			return null;
		}
		const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
		let scaled = numeric(value);
		let unit = -1;
		while (scaled >= 1024 && unit < units.length - 1) {
			scaled /= 1024;
			unit++;
		}
		return scaled.toFixed(1) + ' ' + units[unit];
	}

	function time(iso) {
		return new Date(iso).toLocaleTimeString([], { hour12: false });
	}

	function seconds(isoDuration) {
		const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(isoDuration || '');
		if (!match) {
			return isoDuration;
		}
		const total = (Number(match[1] || 0) * 3600) + (Number(match[2] || 0) * 60) + Number(match[3] || 0);
		return total + ' s';
	}

	function valueCell(attributes, value, hint) {
		return element('td', Object.assign({ 'data-value': exact(value) }, attributes),
			element('span', { class: 'value' }, exact(value)),
			hint ? element('span', { class: 'hint' }, hint) : null);
	}

	/** Splits Mooncake's flat reduce() into operations, or returns null when it has another shape. */
	function mooncakeOperations(stats) {
		const keys = Object.keys(stats);
		const operations = [];
		for (let i = 0; i < keys.length; i += MOONCAKE_SUFFIXES.length) {
			const first = keys[i];
			if (!first.endsWith(MOONCAKE_SUFFIXES[0])) {
				return null;
			}
			const operation = first.slice(0, first.length - MOONCAKE_SUFFIXES[0].length);
			for (let j = 0; j < MOONCAKE_SUFFIXES.length; j++) {
				if (keys[i + j] !== operation + MOONCAKE_SUFFIXES[j]) {
					return null;
				}
			}
			operations.push(operation);
		}
		return operations;
	}

	function keyValueTable(className, stats, keyAttribute) {
		const rows = Object.entries(stats).map(([key, value]) => element('tr', {},
			element('th', { scope: 'row' }, key),
			valueCell({ [keyAttribute]: key }, value, null)));
		return element('table', { class: className }, element('tbody', {}, ...rows));
	}

	function nixlTables(interval) {
		const failures = interval.failures || {};
		const failureRows = Object.entries(failures).map(([key, value]) => {
			const cell = valueCell({ 'data-failure': key }, value, null);
			if (numeric(value) !== 0) {
				cell.classList.add('nonzero-failure');
			}
			return element('tr', {}, element('th', { scope: 'row' }, key), cell);
		});
		return [
			keyValueTable('stats', interval.stats, 'data-key'),
			element('table', { class: 'failures' },
				element('thead', {}, element('tr', {}, element('th', { colspan: '2' }, 'failures'))),
				element('tbody', {}, ...failureRows)),
		];
	}

	function mooncakeTables(interval) {
		const operations = mooncakeOperations(interval.stats);
		if (operations === null) {
			return [keyValueTable('stats', interval.stats, 'data-key')];
		}
		if (operations.length === 0) {
			return [element('p', { class: 'note idle' }, 'No store operations in the last interval.')];
		}
		// a suffix may wrap after an inner underscore, so that the table fits a narrow card
		const suffixHeading = (suffix) => element('th', {}, ...suffix.split(/(?<=.)_/)
			.flatMap((part, index) => (index === 0) ? [part] : [document.createElement('wbr'), '_' + part]));
		const head = element('tr', {}, element('th', {}, 'operation'), ...MOONCAKE_SUFFIXES.map(suffixHeading));
		const rows = operations.map((operation) => element('tr', {},
			element('th', { class: 'op', scope: 'row' }, operation),
			...MOONCAKE_SUFFIXES.map((suffix) => {
				const key = operation + suffix;
				const value = interval.stats[key];
				const cell = valueCell({ 'data-key': key, title: key }, value,
					suffix === '_total_bytes' ? bytesHint(value) : null);
				if ((suffix === '_error_count' || suffix === '_failed_keys') && numeric(value) !== 0) {
					cell.classList.add('nonzero-failure');
				}
				return cell;
			})));
		return [element('div', { class: 'table-scroll' }, element('table', { class: 'operations stats' },
			element('thead', {}, head), element('tbody', {}, ...rows)))];
	}

	/** The charts of a connector, from the intervals seen so far. */
	function chartsOf(connector, history) {
		if (connector === 'nixl') {
			const failureKeys = [];
			for (const point of history) {
				for (const key of Object.keys(point.failures || {})) {
					if (!failureKeys.includes(key)) {
						failureKeys.push(key);
					}
				}
			}
			return [
				{ id: 'xfer-time', title: 'Transfer time (ms)', series: ['Avg xfer time (ms)', 'P90 xfer time (ms)'] },
				{ id: 'throughput', title: 'Throughput (MB/s)', series: ['Throughput (MB/s)'] },
				{ id: 'failures', title: 'Failures per interval', series: failureKeys, counts: true,
					value: (point, key) => (point.failures || {})[key] },
			];
		}
		const operations = [];
		for (const point of history) {
			for (const operation of mooncakeOperations(point.stats) || []) {
				if (!operations.includes(operation)) {
					operations.push(operation);
				}
			}
		}
		const perOperation = (suffix) => operations.map((operation) => ({ label: operation, key: operation + suffix }));
		return [
			{ id: 'avg-latency', title: 'Avg latency (ms), <op>_avg_ms', series: perOperation('_avg_ms') },
			{ id: 'p90-latency', title: 'P90 latency (ms), <op>_p90_ms', series: perOperation('_p90_ms') },
			{ id: 'errors', title: 'Errors per interval, <op>_error_count', series: perOperation('_error_count'),
				counts: true },
		];
	}

	function drawChart(view, definition) {
		const id = view.key + '/' + definition.id;
		const series = definition.series.map((s) => (typeof s === 'string') ? { label: s, key: s } : s);
		const valueOf = definition.value || ((point, key) => point.stats[key]);
		const data = [view.history.map((point) => point.time)];
		for (const s of series) {
			data.push(view.history.map((point) => plottable(valueOf(point, s.key))));
		}
		let chart = view.charts.get(definition.id);
		const signature = series.map((s) => s.label).join('\n');
		if (!chart) {
			const target = element('div', { class: 'plot' });
			const holder = element('div', { class: 'chart', 'data-chart': id },
				element('h4', {}, definition.title), target);
			view.chartArea.append(holder);
			chart = { holder, target, plot: null, signature: null };
			view.charts.set(definition.id, chart);
		}
		if (chart.plot && chart.signature === signature) {
			chart.plot.setData(data);
		}
		else {
			if (chart.plot) {
				chart.plot.destroy();
			}
			const options = {
				width: Math.max(chart.holder.clientWidth, 240),
				height: CHART_HEIGHT,
				legend: { show: true, live: false },
				cursor: { drag: { x: false, y: false } },
				// one point would otherwise stretch the time axis over years
				scales: { x: { time: true, range: (u, min, max) => (min === max) ? [min - 30, max + 30] : [min, max] } },
				axes: [{}, { size: 60 }],
				series: [{}, ...series.map((s, index) => ({
					label: s.label,
					stroke: PALETTE[index % PALETTE.length],
					width: 2,
					points: { size: 5 },
				}))],
			};
			if (definition.counts) {
				options.scales.y = { range: (u, min, max) => [0, Math.max(1, max)] };
			}
			chart.plot = new uPlot(options, data, chart.target);
			chart.signature = signature;
			dashboard.charts[id] = chart.plot;
		}
		chart.holder.setAttribute('data-points', String(view.history.length));
		chart.holder.setAttribute('data-series', String(series.length));
		chart.holder.setAttribute('data-colors', series.map((s, index) => PALETTE[index % PALETTE.length]).join(' '));
	}

	function section(connector) {
		let found = document.querySelector('section.connector[data-connector="' + CSS.escape(connector) + '"]');
		if (!found) {
			found = element('section', { class: 'connector', 'data-connector': connector },
				element('h2', {}, (TITLES[connector] || connector) + ' ', element('span', { class: 'key' }, connector)));
			$('connectors').append(found);
		}
		return found;
	}

	function viewOf(connector, engine) {
		const key = connector + '/' + engine;
		let view = views.get(key);
		if (!view) {
			const card = element('article', { class: 'engine', 'data-connector': connector, 'data-engine': engine });
			const summary = element('div', { class: 'summary' });
			const chartArea = element('div', { class: 'charts' });
			card.append(element('h3', {}, 'engine ' + engine), summary, chartArea);
			section(connector).append(card);
			view = { key, connector, card, summary, chartArea, history: [], lastEnd: null, charts: new Map() };
			views.set(key, view);
		}
		return view;
	}

	function currentNote(connector, current) {
		if (!current) {
			return null;
		}
		const plural = (count, noun) => count + ' ' + noun + ((count === 1) ? '' : 's') + ' so far';
		let text;
		if (connector === 'nixl') {
			text = plural(numeric(current.stats['Num successful transfers']), 'transfer');
		}
		else {
			const operations = mooncakeOperations(current.stats) || [];
			text = plural(operations.reduce((sum, operation) => sum + numeric(current.stats[operation + '_count']), 0),
				'store operation');
		}
		return element('p', { class: 'current' }, 'Current interval since ' + time(current.start) + ': ' + text);
	}

	function renderEngine(connector, engine, intervals, logInterval) {
		const view = viewOf(connector, engine);
		const last = intervals.lastInterval;
		const content = [];
		if (last) {
			view.card.setAttribute('data-end', last.end);
			view.card.setAttribute('data-state', 'interval');
			content.push(element('p', { class: 'interval' },
				'Last interval ' + time(last.start) + ' – ' + time(last.end)
				+ (numeric(last.droppedSamples) > 0 ? ' · ' + exact(last.droppedSamples) + ' samples dropped' : '')));
			content.push(...(connector === 'nixl' ? nixlTables(last) : mooncakeTables(last)));
			if (last.end !== view.lastEnd) {
				view.history.push({ time: Date.parse(last.end) / 1000, stats: last.stats, failures: last.failures });
				if (view.history.length > MAX_POINTS) {
					view.history.shift();
				}
				view.lastEnd = last.end;
			}
		}
		else {
			view.card.removeAttribute('data-end');
			view.card.setAttribute('data-state', 'waiting');
			content.push(element('p', { class: 'note waiting' },
				'Waiting for the first interval… (one closes every ' + seconds(logInterval) + ')'));
		}
		content.splice(1, 0, currentNote(connector, intervals.current));
		view.summary.replaceChildren(...content.filter((node) => node != null));
		if (view.history.length > 0) {
			for (const definition of chartsOf(connector, view.history)) {
				drawChart(view, definition);
			}
		}
	}

	function render(body) {
		const connectors = Object.entries(body.connectors || {});
		const empty = $('empty-state');
		empty.hidden = connectors.length > 0;
		empty.textContent = 'No connector is enabled (kvconnector.enabled, kvconnector.nixl.enabled, '
			+ 'kvconnector.mooncake.enabled).';
		for (const [connector, description] of connectors) {
			for (const [engine, intervals] of Object.entries(description.engines || {})) {
				renderEngine(connector, engine, intervals, body.logInterval);
			}
		}
	}

	function pollSucceeded(body) {
		dashboard.polls++;
		dashboard.lastPoll = body;
		const status = $('poll-status');
		status.setAttribute('data-state', 'ok');
		status.textContent = 'Updated ' + new Date().toLocaleTimeString([], { hour12: false })
			+ ' · intervals of ' + seconds(body.logInterval) + ' · polled every ' + (POLL_MILLIS / 1000) + ' s';
		const banner = $('poll-error');
		banner.hidden = true;
		banner.textContent = '';
	}

	function pollFailed(error) {
		dashboard.failedPolls++;
		$('poll-status').setAttribute('data-state', 'failing');
		const banner = $('poll-error');
		banner.textContent = 'Polling ' + ENDPOINT + ' failed at ' + new Date().toLocaleTimeString([], { hour12: false })
			+ ' (' + error.message + '). Showing the last data received; trying again every '
			+ (POLL_MILLIS / 1000) + ' s.';
		banner.hidden = false;
	}

	async function poll() {
		try {
			const response = await fetch(ENDPOINT, { cache: 'no-store', headers: { Accept: 'application/json' } });
			if (!response.ok) {
				throw new Error('HTTP ' + response.status);
			}
			const body = parseExact(await response.text());
			render(body);
			pollSucceeded(body);
		}
		catch (error) {
			pollFailed(error);
		}
		finally {
			setTimeout(poll, POLL_MILLIS);
		}
	}

	window.addEventListener('resize', () => {
		for (const view of views.values()) {
			for (const chart of view.charts.values()) {
				if (chart.plot) {
					chart.plot.setSize({ width: Math.max(chart.holder.clientWidth, 240), height: CHART_HEIGHT });
				}
			}
		}
	});

	poll();
})();
