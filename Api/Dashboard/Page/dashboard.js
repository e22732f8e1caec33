// The operator page: polls the data endpoint and renders it. Everything from the server goes in via textContent or
// attributes (model names are user-controlled), never innerHTML.
(function () {
  'use strict';

  var POLL_MS = 2000;
  var TIMEOUT_MS = 8000;
  var SVG = 'http://www.w3.org/2000/svg';
  // Relative to this script, not the page: /dashboard and /dashboard/ resolve a bare "data" differently.
  var DATA_URL = new URL('data', document.currentScript ? document.currentScript.src : location.href).href;

  var DASH = '–';

  var MODEL_FIGURES = [
    { metric: 'running', label: 'Running', fmt: int },
    { metric: 'waiting', label: 'Waiting', fmt: int },
    { metric: 'kv_cache_usage', label: 'KV cache', fmt: percent },
    { metric: 'tokens_per_second', label: 'Tokens/s', fmt: rate },
    { metric: 'requests_total', label: 'Requests', fmt: int },
    { metric: 'prefix_cache_hit_rate', label: 'Prefix cache hits', fmt: percent },
    { metric: 'prompt_tokens_total', label: 'Prompt tokens', fmt: int },
    { metric: 'generation_tokens_total', label: 'Generated tokens', fmt: int },
    { metric: 'ttft_seconds.p50', label: 'TTFT p50', fmt: msUnit },
    { metric: 'ttft_seconds.p99', label: 'TTFT p99', fmt: msUnit },
    { metric: 'itl_seconds.p50', label: 'ITL p50', fmt: msUnit },
    { metric: 'itl_seconds.p99', label: 'ITL p99', fmt: msUnit }
  ];

  var CHARTS = [
    { title: 'Tokens/s', fmt: rate, scale: 1, series: [{ field: 'tokens_per_second', name: 'tokens/s' }] },
    { title: 'TTFT (ms)', fmt: ms, scale: 1000, series: [{ field: 'ttft_p50', name: 'p50' }, { field: 'ttft_p99', name: 'p99' }] },
    { title: 'ITL (ms)', fmt: ms, scale: 1000, series: [{ field: 'itl_p50', name: 'p50' }, { field: 'itl_p99', name: 'p99' }] },
    { title: 'Load', fmt: int, scale: 1, integer: true, series: [{ field: 'running', name: 'running' }, { field: 'waiting', name: 'waiting' }] },
    { title: 'KV cache', fmt: percent, scale: 100, suffix: '%', max: 1, series: [{ field: 'kv_cache_usage', name: 'usage' }] }
  ];

  var REPLICA_COLUMNS = [
    { field: 'key', fmt: text },
    { field: 'silo', fmt: text },
    { field: 'state', fmt: text, badge: true },
    { field: 'running', fmt: int, num: true },
    { field: 'waiting', fmt: int, num: true },
    { field: 'kv_cache_usage', fmt: percent, num: true }
  ];

  var SILO_COLUMNS = [
    { field: 'address', fmt: text },
    { field: 'status', fmt: text, badge: true },
    { field: 'activations', fmt: int, num: true },
    { field: 'replicas', fmt: int, num: true },
    { field: 'cpu_percent', fmt: fixed1, num: true },
    { field: 'memory_bytes', fmt: megabytes, num: true }
  ];

  // ---- formatting: every formatter takes a possibly-null number and returns display text ----

  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  function text(v) { return v === null || v === undefined || v === '' ? DASH : String(v); }
  // No thousands separators: tests (and people copying into a shell) parse these back.
  function int(v) { return isNum(v) ? String(Math.round(v)) : DASH; }
  function fixed1(v) { return isNum(v) ? v.toFixed(1) : DASH; }
  function rate(v) { return isNum(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : DASH; }
  function percent(v) { return isNum(v) ? (v * 100).toFixed(1) + ' %' : DASH; }
  function megabytes(v) { return isNum(v) ? (v / 1e6).toFixed(0) : DASH; }
  function ms(v) {
    if (!isNum(v)) return DASH;
    var m = v * 1000;
    return m >= 100 ? m.toFixed(0) : m >= 10 ? m.toFixed(1) : m.toFixed(2);
  }
  function msUnit(v) { return isNum(v) ? ms(v) + ' ms' : DASH; }
  // Axis labels: as few digits as the value needs.
  function compact(v) { return String(Number(v.toPrecision(3))); }
  function clock(unixSeconds) {
    return new Date(unixSeconds * 1000).toLocaleTimeString([], { hour12: false });
  }

  function pick(obj, path) {
    var parts = path.split('.');
    for (var i = 0; i < parts.length && obj !== null && obj !== undefined; i++) obj = obj[parts[i]];
    return obj === undefined ? null : obj;
  }

  // ---- DOM helpers ----

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== null && attrs[k] !== undefined) node.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    return node;
  }

  // The raw value rides along in data-value (absent when null) so a reader need not parse the display text.
  function setValue(node, raw, display) {
    if (node.textContent !== display) node.textContent = display;
    if (raw === null || raw === undefined) node.removeAttribute('data-value');
    else node.setAttribute('data-value', String(raw));
  }

  function findByAttr(parent, attr, value) {
    for (var c = parent.firstElementChild; c; c = c.nextElementSibling)
      if (c.getAttribute(attr) === value) return c;
    return null;
  }

  // Updates rows in place, keyed by `attr`, so a reader holding a row between polls still sees it.
  function syncRows(tbody, items, keyField, attr, columns) {
    var seen = {};
    items.forEach(function (item, index) {
      var key = String(item[keyField]);
      seen[key] = true;
      var row = findByAttr(tbody, attr, key);
      if (!row) {
        row = el('tr');
        row.setAttribute(attr, key);
        columns.forEach(function (col) {
          row.appendChild(el('td', { 'data-field': col.field, 'class': col.num ? 'num' : null }));
        });
      }
      if (tbody.children[index] !== row) tbody.insertBefore(row, tbody.children[index] || null);
      columns.forEach(function (col, i) {
        var cell = row.children[i];
        var raw = item[col.field] === undefined ? null : item[col.field];
        setValue(cell, raw, col.fmt(raw));
        if (col.badge) cell.className = 'badge badge-' + String(raw).replace(/[^a-z]/gi, '').toLowerCase();
      });
    });
    Array.prototype.slice.call(tbody.children).forEach(function (row) {
      if (!seen[row.getAttribute(attr)]) tbody.removeChild(row);
    });
  }

  // ---- charts: one small inline SVG line chart per panel ----

  var W = 260, H = 110, PAD_L = 36, PAD_R = 6, PAD_T = 8, PAD_B = 18;

  function niceMax(v, integer) {
    if (!(v > 0)) return 1;
    // Whole-number series get a top that halves to a whole number.
    if (integer && v <= 10) return Math.max(2, Math.ceil(v / 2) * 2);
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * p >= v) return steps[i] * p;
    return 10 * p;
  }

  function makeChart(spec) {
    var legend = el('div', { 'class': 'legend' });
    var series = spec.series.map(function (s, i) {
      var value = el('span', { 'class': 'legend-value', 'data-series': s.field });
      legend.appendChild(el('span', { 'class': 'legend-item' }, [el('i', { 'class': 'swatch c' + i }), s.name + ' ', value]));
      return value;
    });
    var chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, 'class': 'chart', role: 'img', 'aria-label': spec.title });
    var panel = el('figure', { 'class': 'panel' }, [el('figcaption', null, [el('span', { 'class': 'panel-title' }, [spec.title]), legend])]);
    panel.appendChild(chart);
    return { panel: panel, svg: chart, values: series, spec: spec };
  }

  function drawChart(chart, history) {
    var spec = chart.spec;
    var root = chart.svg;
    while (root.firstChild) root.removeChild(root.firstChild);
    var points = history.filter(function (h) { return isNum(h.time); });
    var t0 = points.length ? points[0].time : 0;
    var t1 = points.length ? points[points.length - 1].time : 0;
    var top = 0;
    points.forEach(function (h) {
      spec.series.forEach(function (s) { if (isNum(h[s.field]) && h[s.field] > top) top = h[s.field]; });
    });
    top = spec.max && top <= spec.max ? spec.max : niceMax(top, spec.integer);
    var x = function (t) { return PAD_L + (t1 > t0 ? (t - t0) / (t1 - t0) : 1) * (W - PAD_L - PAD_R); };
    var y = function (v) { return PAD_T + (1 - v / top) * (H - PAD_T - PAD_B); };

    [0, 0.5, 1].forEach(function (f) {
      var gy = y(top * f);
      root.appendChild(svg('line', { x1: PAD_L, x2: W - PAD_R, y1: gy, y2: gy, 'class': 'grid' }));
      var label = svg('text', { x: PAD_L - 4, y: gy + 3, 'class': 'axis', 'text-anchor': 'end' });
      label.textContent = compact(top * f * spec.scale) + (spec.suffix || '');
      root.appendChild(label);
    });
    var span = svg('text', { x: PAD_L, y: H - 4, 'class': 'axis' });
    span.textContent = points.length > 1 ? '−' + Math.round(t1 - t0) + ' s' : 'no history yet';
    root.appendChild(span);
    var now = svg('text', { x: W - PAD_R, y: H - 4, 'class': 'axis', 'text-anchor': 'end' });
    now.textContent = points.length ? clock(t1) : '';
    root.appendChild(now);

    spec.series.forEach(function (s, i) {
      // A null sample breaks the line instead of drawing it down to zero.
      var d = '', pen = false, last = null;
      points.forEach(function (h) {
        var v = h[s.field];
        if (!isNum(v)) { pen = false; return; }
        d += (pen ? 'L' : 'M') + x(h.time).toFixed(1) + ' ' + y(v).toFixed(1);
        pen = true;
        last = h;
      });
      if (d) root.appendChild(svg('path', { d: d, 'class': 'line c' + i }));
      if (last) root.appendChild(svg('circle', { cx: x(last.time), cy: y(last[s.field]), r: 2.5, 'class': 'dot c' + i }));
      var latest = points.length ? points[points.length - 1][s.field] : null;
      setValue(chart.values[i], latest, spec.fmt(latest));
    });
  }

  // ---- model sections ----

  function makeModel(name) {
    var section = el('section', { 'class': 'card model' });
    section.setAttribute('data-model', name);
    var figures = el('div', { 'class': 'figures' });
    var values = {};
    MODEL_FIGURES.forEach(function (f) {
      var value = el('span', { 'class': 'value', 'data-metric': f.metric }, [DASH]);
      values[f.metric] = value;
      figures.appendChild(el('div', { 'class': 'figure' }, [el('span', { 'class': 'label' }, [f.label]), value]));
    });
    var head = el('tr', null, ['Replica', 'Silo', 'State', 'Running', 'Waiting', 'KV cache'].map(function (h, i) {
      return el('th', { 'class': i >= 3 ? 'num' : null }, [h]);
    }));
    var tbody = el('tbody');
    var charts = CHARTS.map(makeChart);
    var chartGrid = el('div', { 'class': 'charts' }, charts.map(function (c) { return c.panel; }));
    section.appendChild(el('h2', null, [name]));
    section.appendChild(figures);
    section.appendChild(el('div', { 'class': 'table-wrap' }, [el('table', { 'class': 'replicas' }, [el('thead', null, [head]), tbody])]));
    section.appendChild(chartGrid);
    return { section: section, values: values, tbody: tbody, charts: charts };
  }

  var models = {};

  function renderModels(list) {
    var container = document.getElementById('models');
    var seen = {};
    list.forEach(function (m, index) {
      var name = String(m.name);
      seen[name] = true;
      var view = models[name] || (models[name] = makeModel(name));
      // Index + 1: the "no models" paragraph stays first.
      if (container.children[index + 1] !== view.section) container.insertBefore(view.section, container.children[index + 1] || null);
      MODEL_FIGURES.forEach(function (f) {
        var raw = pick(m, f.metric);
        setValue(view.values[f.metric], raw, f.fmt(raw));
      });
      syncRows(view.tbody, m.replicas || [], 'key', 'data-replica', REPLICA_COLUMNS);
      view.charts.forEach(function (c) { drawChart(c, m.history || []); });
    });
    Object.keys(models).forEach(function (name) {
      if (!seen[name]) { container.removeChild(models[name].section); delete models[name]; }
    });
    document.getElementById('no-models').hidden = list.length > 0;
  }

  function renderCluster(data) {
    var cluster = document.getElementById('cluster');
    var silos = data.silos || [];
    setValue(cluster.querySelector('[data-metric="sessions_live"]'), pick(data, 'sessions_live'), int(pick(data, 'sessions_live')));
    setValue(cluster.querySelector('[data-metric="silo_count"]'), silos.length, String(silos.length));
    var w = pick(data, 'window_seconds');
    setValue(cluster.querySelector('[data-metric="window_seconds"]'), w, isNum(w) ? int(w) + ' s' : DASH);
    syncRows(document.querySelector('#silos tbody'), silos, 'address', 'data-silo', SILO_COLUMNS);
  }

  // ---- polling ----

  var lastOk = null;

  function showError(message) {
    var node = document.getElementById('error');
    node.textContent = message + (lastOk ? ' — showing data from ' + lastOk : '');
    node.hidden = false;
  }

  function render(data) {
    renderCluster(data);
    renderModels(data.models || []);
    lastOk = isNum(data.time) ? clock(data.time) : new Date().toLocaleTimeString([], { hour12: false });
    var updated = document.getElementById('updated');
    updated.textContent = 'Updated ' + lastOk;
    setValue(updated, data.time, updated.textContent);
    document.getElementById('error').hidden = true;
    document.body.setAttribute('data-polls', String(++polls));
  }

  var polls = 0;

  function poll() {
    var abort = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = abort ? setTimeout(function () { abort.abort(); }, TIMEOUT_MS) : null;
    fetch(DATA_URL, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' }, signal: abort && abort.signal })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(render)
      .catch(function (e) {
        showError('Update failed at ' + new Date().toLocaleTimeString([], { hour12: false }) + ': ' + (e && e.name === 'AbortError' ? 'timed out' : e.message));
      })
      .then(function () {
        clearTimeout(timer);
        // Chained, not setInterval: a slow server never has two polls in flight.
        setTimeout(poll, POLL_MS);
      });
  }

  poll();
})();
