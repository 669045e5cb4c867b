// Akka.Ingest live dashboard: one EventSource, a hand-written canvas chart, no third-party code.
(() => {
  'use strict';

  const colors = { blue: '#58a6ff', green: '#3fb950', amber: '#d29922', red: '#f85149', violet: '#bc8cff', teal: '#39c5cf', grid: '#30363d', muted: '#8b949e' };
  const whole = new Intl.NumberFormat('en-US');
  const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
  const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
  const $ = (id) => document.getElementById(id);
  const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

  /** A live line chart over a fixed time window, drawn on a canvas at the screen's pixel density. */
  class LiveChart {
    constructor(figure, series, format) {
      this.canvas = figure.querySelector('canvas');
      this.legend = figure.querySelector('.legend');
      this.series = series;
      this.format = format;
      this.times = [];
      this.values = series.map(() => []);
      this.windowMs = 300000;
      this.hover = null;
      this.legendValues = series.map((s) => {
        const item = document.createElement('span');
        item.innerHTML = `<i class="swatch" style="background:${s.color}"></i>${s.label}<b>–</b>`;
        this.legend.appendChild(item);
        return item.querySelector('b');
      });
      this.canvas.addEventListener('mousemove', (e) => { this.hover = e.offsetX; this.draw(); });
      this.canvas.addEventListener('mouseleave', () => { this.hover = null; this.draw(); });
    }

    push(t, values, capacity) {
      this.times.push(t);
      values.forEach((v, i) => this.values[i].push(v));
      while (this.times.length > capacity) { this.times.shift(); this.values.forEach((v) => v.shift()); }
    }

    draw() {
      const c = this.canvas, ratio = window.devicePixelRatio || 1;
      const width = c.clientWidth, height = c.clientHeight;
      if (width === 0 || height === 0) return;
      if (c.width !== Math.round(width * ratio) || c.height !== Math.round(height * ratio)) {
        c.width = Math.round(width * ratio); c.height = Math.round(height * ratio);
      }
      const g = c.getContext('2d');
      g.setTransform(ratio, 0, 0, ratio, 0, 0);
      g.clearRect(0, 0, width, height);
      const left = 52, right = 8, top = 6, bottom = 20;
      const plotW = width - left - right, plotH = height - top - bottom;
      const end = this.times.length ? this.times[this.times.length - 1] : Date.now();
      // The window grows from one minute to the full history, so a fresh host's first seconds are not a sliver.
      const span = Math.min(this.windowMs, Math.max(60000, this.times.length ? end - this.times[0] : 0));
      const start = end - span;
      const x = (t) => left + ((t - start) / span) * plotW;
      const { step: yStep, top: max } = axis(Math.max(0, ...this.values.flat()));
      const y = (v) => top + plotH - (v / max) * plotH;

      g.font = '11px "DejaVu Sans", sans-serif';
      g.lineWidth = 1;
      g.textBaseline = 'middle';
      for (let v = 0; v <= max + yStep / 2; v += yStep) {
        const py = Math.round(y(v)) + 0.5;
        g.strokeStyle = colors.grid; g.beginPath(); g.moveTo(left, py); g.lineTo(left + plotW, py); g.stroke();
        g.fillStyle = colors.muted; g.textAlign = 'right'; g.fillText(this.format(v, true), left - 6, py);
      }
      g.textAlign = 'center'; g.textBaseline = 'top';
      const xStep = span <= 120000 ? 15000 : 60000;
      for (let ago = 0; ago <= span; ago += xStep) {
        const px = x(end - ago);
        const label = ago === 0 ? 'now' : xStep < 60000 ? `-${ago / 1000}s` : `-${ago / 60000}m`;
        g.fillText(label, Math.min(Math.max(px, left + 14), left + plotW - 14), top + plotH + 5);
      }

      // Drawn last to first, so the first series (the one the chart is about) is on top where lines meet.
      [...this.series.keys()].reverse().forEach((i) => {
        const s = this.series[i], vs = this.values[i];
        if (vs.length < 2) return;
        g.beginPath();
        this.times.forEach((t, k) => (k === 0 ? g.moveTo(x(t), y(vs[k])) : g.lineTo(x(t), y(vs[k]))));
        if (s.fill) {
          g.save();
          g.lineTo(x(this.times[this.times.length - 1]), y(0)); g.lineTo(x(this.times[0]), y(0)); g.closePath();
          g.fillStyle = s.color + '22'; g.fill();
          g.restore();
          g.beginPath();
          this.times.forEach((t, k) => (k === 0 ? g.moveTo(x(t), y(vs[k])) : g.lineTo(x(t), y(vs[k]))));
        }
        g.strokeStyle = s.color; g.lineWidth = 1.75; g.lineJoin = 'round'; g.stroke();
      });

      let shown = this.times.length - 1;
      if (this.hover !== null && this.times.length) {
        const t = start + ((this.hover - left) / plotW) * span;
        shown = nearest(this.times, t);
        const px = Math.round(x(this.times[shown])) + 0.5;
        g.strokeStyle = colors.muted; g.lineWidth = 1; g.setLineDash([3, 3]);
        g.beginPath(); g.moveTo(px, top); g.lineTo(px, top + plotH); g.stroke(); g.setLineDash([]);
      }
      this.legendValues.forEach((b, i) => { b.textContent = shown >= 0 ? this.format(this.values[i][shown] ?? 0) : '–'; });
      c.dataset.points = String(this.times.length);
    }
  }

  /** A round step for about four grid lines (1, 2 or 5 times a power of ten) and the top it reaches. */
  function axis(max) {
    if (max <= 0) return { step: 0.25, top: 1 };
    const rough = max / 4, p = Math.pow(10, Math.floor(Math.log10(rough)));
    const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= rough);
    return { step, top: step * Math.ceil((max * 1.05) / step) };
  }

  function nearest(times, t) {
    let best = 0;
    times.forEach((v, i) => { if (Math.abs(v - t) < Math.abs(times[best] - t)) best = i; });
    return best;
  }

  const twoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
  const small = (v, axis) => (v >= 1000 ? compact.format(v) : axis ? twoDecimals.format(v) : oneDecimal.format(v));
  const perSecond = (v, axis) => small(v, axis) + (axis ? '' : '/s');
  const milliseconds = (v, axis) => (v >= 1000 ? oneDecimal.format(v / 1000) + ' s' : small(v, axis) + ' ms');
  const events = (v, axis) => small(v, axis);

  const charts = {
    throughput: new LiveChart($('chart-throughput'), [
      { label: 'committed', color: colors.blue, fill: true },
      { label: 'accepted', color: colors.teal },
      { label: 'rejected', color: colors.red },
    ], perSecond),
    rejections: new LiveChart($('chart-rejections'), [
      { label: 'queue full', color: colors.amber },
      { label: 'timed out', color: colors.red },
      { label: 'invalid', color: colors.violet },
    ], perSecond),
    latency: new LiveChart($('chart-latency'), [
      { label: 'flush p50', color: colors.green },
      { label: 'flush p99', color: colors.amber },
    ], milliseconds),
    batch: new LiveChart($('chart-batch'), [
      { label: 'events per batch', color: colors.violet, fill: true },
    ], events),
  };

  let capacity = 300, startedAt = Date.now(), lastSampleAt = 0, samplesSeen = 0;
  const feed = $('feed');

  function setNumber(id, value, text) {
    const el = $(id);
    el.dataset.value = value === null || value === undefined ? '' : String(value);
    el.textContent = text ?? (value === null || value === undefined ? '—' : whole.format(value));
  }

  function addSample(s, draw) {
    const rejected = s.rates.queueFull + s.rates.timedOut + s.rates.invalid;
    charts.throughput.push(s.at, [s.rates.committed, s.rates.accepted, rejected], capacity);
    charts.rejections.push(s.at, [s.rates.queueFull, s.rates.timedOut, s.rates.invalid], capacity);
    charts.latency.push(s.at, [s.flush.p50Ms, s.flush.p99Ms], capacity);
    charts.batch.push(s.at, [s.flush.eventsPerBatch], capacity);
    if (draw) show(s);
  }

  function show(s) {
    const r = s.totals.rejected;
    setNumber('total-accepted', s.totals.accepted);
    setNumber('total-committed', s.totals.committed);
    setNumber('total-rejected', r.queueFull + r.timedOut + r.invalid);
    $('rate-accepted').textContent = perSecond(s.rates.accepted);
    $('rate-committed').textContent = perSecond(s.rates.committed);
    $('rejected-breakdown').textContent = `${whole.format(r.timedOut)} timed out · ${whole.format(r.queueFull)} full · ${whole.format(r.invalid)} invalid`;
    setNumber('queued', s.queued);
    showDomains(s.domains);
    showRelay(s.relay);
    showPartitions(s.partitions);
    showCluster(s.cluster);
    Object.values(charts).forEach((c) => c.draw());
    lastSampleAt = Date.now();
    document.body.dataset.samples = String(++samplesSeen);
  }

  function showDomains(d) {
    if (!d) return;
    setNumber('domains-known', d.known);
    setNumber('domains-catch-all', d.catchAll);
    setNumber('domains-not-catch-all', d.notCatchAll);
    const share = (n) => (d.known > 0 ? `${oneDecimal.format((100 * n) / d.known)} % of known` : '\u00a0');
    $('domains-catch-all-share').textContent = share(d.catchAll);
    $('domains-not-catch-all-share').textContent = share(d.notCatchAll);
    $('domains-when').textContent = `counted at ${clock.format(new Date(d.countedAt))} (${milliseconds(d.tookMs)})`;
  }

  function showRelay(relay) {
    const stat = $('relay-lag').closest('.stat');
    if (!relay) {
      setNumber('relay-lag', null, 'off');
      $('relay-detail').textContent = 'the relay does not run here';
      return;
    }
    setNumber('relay-lag', relay.pending);
    stat.classList.toggle('warn', relay.pending > 0);
    $('relay-detail').textContent = `${whole.format(relay.journaled)} journaled`;
  }

  function showPartitions(partitions) {
    const host = $('partitions');
    while (host.children.length > partitions.length) host.lastChild.remove();
    const maxBuffered = Math.max(1, ...partitions.map((p) => p.bufferedEvents));
    partitions.forEach((p, i) => {
      let tile = host.children[i];
      if (!tile) {
        tile = document.createElement('div');
        tile.innerHTML = '<div class="tile-head"><b></b><span class="badge"></span></div><dl>' +
          '<dt>buffered</dt><dd data-k="buffered"></dd><dt>in flight</dt><dd data-k="inflight"></dd>' +
          '<dt>committed</dt><dd data-k="rate"></dd><dt>flush p99</dt><dd data-k="p99"></dd>' +
          '<dt>restarts</dt><dd data-k="restarts"></dd><dt>backoff</dt><dd data-k="backoff"></dd></dl><div class="bar"><i></i></div>';
        host.appendChild(tile);
      }
      tile.className = `tile health-${p.health}`;
      tile.dataset.partition = String(p.partition);
      tile.dataset.health = p.health;
      tile.querySelector('b').textContent = `P${p.partition}`;
      tile.querySelector('.badge').textContent = p.health === 'backing-off' ? 'backing off' : p.health;
      const set = (k, text) => { tile.querySelector(`[data-k="${k}"]`).textContent = text; };
      set('buffered', whole.format(p.bufferedEvents));
      set('inflight', whole.format(p.inFlightEvents));
      set('rate', perSecond(p.committedPerSecond));
      set('p99', milliseconds(p.p99FlushMs));
      set('restarts', whole.format(p.restarts));
      set('backoff', p.writer === 'backing-off' && p.backoffMs ? milliseconds(p.backoffMs) : p.writer);
      tile.querySelector('.bar i').style.width = `${(100 * p.bufferedEvents) / maxBuffered}%`;
    });
  }

  function showCluster(cluster) {
    const host = $('cluster');
    const members = cluster.members.map((m) => `<div class="member${m.reachable ? '' : ' unreachable'}" data-node="${escape(m.node)}" data-status="${escape(m.status)}"` +
      ` data-leader="${m.leader}" data-reachable="${m.reachable}"><div class="name">${escape(m.node)}${m.self ? ' (this node)' : ''}` +
      `${cluster.mode !== 'single-node' && m.leader ? ' <em class="badge">leader</em>' : ''}${m.reachable ? '' : ' <em class="badge bad">unreachable</em>'}</div>` +
      `<div class="addr">${escape(m.address)} · ${escape(m.status.replace('_', ' '))}</div><div class="chips">${m.partitions.map((p) => `<span>P${p}</span>`).join('')}</div></div>`).join('');
    const unreachable = cluster.members.filter((m) => !m.reachable).length;
    const summary = cluster.mode === 'single-node' ? 'single node'
      : `cluster · ${cluster.members.length} member${cluster.members.length === 1 ? '' : 's'}${unreachable ? ` · ${unreachable} unreachable` : ''}`;
    const html = `<span class="mode">${escape(summary)}</span>${members}`;
    if (host.innerHTML !== html) host.innerHTML = html;
    host.dataset.mode = cluster.mode;
  }

  function addTransitions(transitions) {
    if (!transitions.length) return;
    feed.querySelector('.empty')?.remove();
    transitions.forEach((t) => {
      const li = document.createElement('li');
      li.dataset.domain = t.domain;
      li.innerHTML = `<span class="domain">${escape(t.domain)}</span><time>${clock.format(new Date(t.at))}</time>` +
        `<span class="change"><span class="s s-${slug(t.from)}">${escape(t.from)}</span> → <span class="s s-${slug(t.to)}">${escape(t.to)}</span>` +
        ` · ${whole.format(t.delivered)} delivered, ${whole.format(t.bounced)} bounced</span>`;
      feed.prepend(li);
    });
    while (feed.children.length > 50) feed.lastChild.remove();
    $('feed-count').textContent = `latest ${feed.children.length}`;
  }

  const slug = (status) => status.replace(/\s+/g, '-');
  const escape = (text) => String(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

  function connection(state, text) {
    const el = $('connection');
    el.className = `connection ${state}`;
    el.dataset.state = state;
    el.textContent = text;
  }

  function duration(ms) {
    const s = Math.floor(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${s % 60}s` : `${s}s`;
  }

  const source = new EventSource(`${location.pathname.replace(/\/$/, '')}/stream`);
  source.addEventListener('hello', (e) => {
    const hello = JSON.parse(e.data);
    capacity = Math.max(2, Math.round((hello.historySeconds * 1000) / hello.sampleIntervalMs));
    Object.values(charts).forEach((c) => { c.windowMs = hello.historySeconds * 1000; c.times = []; c.values = c.series.map(() => []); });
    startedAt = hello.startedAt;
    $('node').textContent = hello.nodeId || 'starting';
    $('store').textContent = hello.store;
    feed.innerHTML = '<li class="empty">No transition yet.</li>';
    addTransitions(hello.recentTransitions);
    hello.history.forEach((s, i) => addSample(s, i === hello.history.length - 1));
    connection('live', 'live');
  });
  source.addEventListener('sample', (e) => {
    const s = JSON.parse(e.data);
    if (s.cluster.members.length && $('node').textContent === 'starting') $('node').textContent = s.cluster.members[0].node;
    addSample(s, true);
    addTransitions(s.transitions);
    connection('live', 'live');
  });
  source.onerror = () => connection('reconnecting', 'reconnecting…');
  setInterval(() => {
    $('uptime').textContent = duration(Date.now() - startedAt);
    if (lastSampleAt && Date.now() - lastSampleAt > 5000 && source.readyState === EventSource.OPEN) connection('stale', 'no sample for 5 s');
  }, 1000);
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.draw()));
})();
