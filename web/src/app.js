// truce web UI: plain ES module, no framework. Source texts are hostile input:
// every text from the API is written with textContent (see el()), never as
// HTML, and Leaflet tooltips get DOM nodes, not strings.
/* global L, uPlot */

const main = () => document.getElementById('main');
let session = null; // { user: {name, role}, csrf_token }

// ---------- DOM and API helpers ----------

/** An element; string children become text nodes (never parsed as HTML). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// Routes render asynchronously: a page still loading when the user (or a
// test) has moved on must not replace the newer page. Each route() gets a
// number; show() from an older one throws Stale, which route() ignores.
let routeSeq = 0;
class Stale extends Error {}
function show(seq, ...nodes) {
  if (seq !== routeSeq) throw new Stale();
  main().replaceChildren(...nodes);
}

class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && session) headers['X-CSRF-Token'] = session.csrf_token;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const err = data && data.error ? data.error : { code: 'http_' + res.status, message: res.statusText };
    throw new ApiError(res.status, err.code, err.message);
  }
  return data;
}

const q = (params) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) s.set(k, v);
  const text = s.toString();
  return text ? '?' + text : '';
};

function pill(text, cls = '') { return el('span', { class: `pill ${cls || text}` }, text.replace('_', ' ')); }
function errorBox(e) { return el('p', { class: 'error', role: 'alert' }, `${e.code || 'error'}: ${e.message}`); }

// ---------- dates ----------
const DAY = 86400000;
const toDay = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
const fromDay = (t) => new Date(t).toISOString().slice(0, 10);

// ---------- routing ----------

async function route() {
  const seq = ++routeSeq;
  const hash = location.hash || '#/map';
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', hash.startsWith(a.getAttribute('href'))));
  if (!session) {
    try { session = await api('/api/me'); } catch { session = null; }
  }
  if (seq !== routeSeq) return;
  renderHeader();
  if (!session) return loginPage(seq);
  const [path, query] = hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean);
  try {
    if (parts[0] === 'events' && parts[1]) return await eventPage(seq, parts[1]);
    if (parts[0] === 'incidents' && parts[1]) return await incidentPage(seq, parts[1]);
    if (parts[0] === 'documents' && parts[1]) return await documentPage(seq, parts[1]);
    if (parts[0] === 'documents') return await documentsPage(seq);
    if (parts[0] === 'counts') return await countsPage(seq, new URLSearchParams(query || ''));
    if (parts[0] === 'search') return await searchPage(seq, new URLSearchParams(query || '').get('q') || '');
    return await mapPage(seq);
  } catch (e) {
    if (e instanceof Stale || seq !== routeSeq) return;
    // The session expired or was ended elsewhere: log in again, same page after.
    if (e.status === 401) { session = null; renderHeader(); return loginPage(seq); }
    show(seq, el('div', { class: 'card' }, errorBox(e)));
  }
}

function renderHeader() {
  document.getElementById('nav').hidden = !session;
  document.getElementById('logout').hidden = !session;
  document.getElementById('whoami').textContent = session ? `${session.user.name} (${session.user.role})` : '';
}

function loginPage(seq) {
  // A route change while logged out (a link, the back button) keeps the form
  // already shown: replacing it would drop what the user is typing.
  if (document.getElementById('login-form')?.isConnected) return;
  const name = el('input', { id: 'login-name', name: 'name', autocomplete: 'username', required: true });
  const password = el('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const status = el('p', { class: 'error', id: 'login-error' });
  const form = el('form', { class: 'card login', id: 'login-form', on: { submit: async (ev) => {
    ev.preventDefault();
    try {
      session = await api('/api/login', { method: 'POST', body: { name: name.value, password: password.value } });
      if (location.hash === '#/login' || !location.hash) location.hash = '#/map'; else route();
    } catch (e) { status.textContent = e.message; }
  } } },
  el('h1', {}, 'Log in'), el('label', { for: 'login-name' }, 'User name'), name,
  el('label', { for: 'login-password' }, 'Password'), password, status,
  el('button', { class: 'primary', type: 'submit', id: 'login-submit' }, 'Log in'));
  show(seq, form);
  name.focus();
}

document.getElementById('logout').addEventListener('click', async () => {
  try { await api('/api/logout', { method: 'POST' }); } catch { /* the session is gone either way */ }
  session = null;
  location.hash = '#/login';
  route();
});

// ---------- map page ----------

const TYPE_COLORS = {
  firing: '#d62728', armed_clash: '#8c1c13', attack: '#e377c2', mine_incident: '#ff7f0e', mine_laying: '#bcbd22',
  military_movement: '#1f77b4', infiltration: '#9467bd', arrest: '#7f7f7f', deployment: '#17becf', transit: '#2ca02c',
  resource_exploitation: '#8c564b', looting: '#bd9e39', protest: '#e7ba52', obstruction: '#ad494a', agreement: '#393b79',
  restriction: '#637939',
};
const COUNTRY_LABELS = ['Armenia', 'Azerbaijan', 'Georgia', 'Iran', 'Turkey', 'Russia'];
const ZONE_COLORS = { 'peacekeeping-zone': '#1f5fa8', 'lachin-corridor': '#d97706' };
let mapState = null; // kept across visits: layer, filters, map date, brushed range
const INCIDENT_STATUSES = ['single_source', 'corroborated', 'disputed'];

async function mapPage(seq) {
  const [facets, roads, basemap] = await Promise.all([
    api('/api/facets'), api('/api/map/roads'), fetch('basemap.json').then((r) => r.json()),
  ]);
  const first = facets.first_day || '2020-11-10';
  const last = facets.last_day || first;
  // The slider starts with the ceasefire's zones, even before the first event.
  const t0 = Math.min(toDay(first), toDay('2020-11-10'));
  const t1 = Math.max(toDay(last), t0 + DAY);
  // The map opens on the latest day with events: the zones as they stand then,
  // showing incidents (events merged across reports); raw events on a toggle.
  mapState = mapState || { filters: {}, date: fromDay(Math.max(toDay(last), toDay('2020-11-10'))), range: null, layer: 'incidents' };

  const select = (name, label, values, onlyEvents = false) => el('label', { class: onlyEvents ? 'events-only' : null }, label,
    el('select', { id: `filter-${name}`, name, on: { change: (ev) => { mapState.filters[name] = ev.target.value; refresh(); } } },
      el('option', { value: '' }, 'all'),
      values.map((v) => el('option', { value: v.name, selected: mapState.filters[name] === v.name },
        v.count === undefined ? v.name.replaceAll('_', ' ') : `${v.name.replaceAll('_', ' ')} (${v.count})`))));
  const statusLabel = el('span', {});
  const statusSlot = el('div', {});
  const zonesOption = facets.zones.map((z) => ({ name: z }));
  let plot = null; // the histogram, once its counts are in
  const layerToggle = el('fieldset', { class: 'layer-toggle', id: 'layer-toggle' }, el('legend', {}, 'Show on the map'),
    ['incidents', 'events'].map((layer) => el('label', {},
      el('input', { type: 'radio', name: 'layer', id: `layer-${layer}`, value: layer, checked: mapState.layer === layer,
        on: { change: () => { mapState.layer = layer; renderStatus(); setHistLabel(); if (plot) plot.setData([xs, perLayer[layer]]); refresh(); } } }),
      layer === 'incidents' ? ' Incidents (reports merged)' : ' Raw events (one per report)')));
  const filters = el('div', { class: 'card filters' }, el('h2', {}, 'Filters'), layerToggle,
    select('type', 'Event type', facets.types),
    select('actor', 'Party / actor', facets.actors),
    statusSlot,
    select('review', 'Review (raw events)', facets.reviews, true),
    select('zone', 'Zone (on its date)', zonesOption),
    el('div', { class: 'legend', id: 'legend' }));
  // Incidents and events have different statuses ("unattributed" is an event's).
  function renderStatus() {
    const incidents = mapState.layer === 'incidents';
    const values = incidents ? INCIDENT_STATUSES.map((name) => ({ name })) : facets.statuses;
    if (mapState.filters.status && !values.some((v) => v.name === mapState.filters.status)) mapState.filters.status = '';
    statusLabel.textContent = incidents ? 'Incident status' : 'Claim status';
    statusSlot.replaceChildren(select('status', statusLabel.textContent, values));
    filters.classList.toggle('incidents', incidents);
  }
  renderStatus();

  const slider = el('input', { type: 'range', id: 'date-slider', min: 0, max: Math.round((t1 - t0) / DAY), step: 1,
    value: Math.round((toDay(mapState.date) - t0) / DAY), 'aria-label': 'Map date' });
  const dateInput = el('input', { type: 'date', id: 'map-date', value: mapState.date, min: fromDay(t0), max: fromDay(t1) });
  const rangeLabel = el('span', { id: 'range-label', class: 'muted' });
  const histLabel = el('span', { class: 'muted', id: 'histogram-label' });
  const setHistLabel = () => { histLabel.textContent = `${mapState.layer === 'incidents' ? 'Incidents' : 'Events'} per day — drag across the chart to show only that period.`; };
  setHistLabel();
  const clearRange = el('button', { type: 'button', id: 'clear-range' }, 'All dates');
  const bulletin = el('a', { id: 'bulletin-link', target: '_blank', rel: 'noopener' }, 'Bulletin for this period');
  const timebar = el('div', { class: 'card timebar' },
    el('div', { class: 'row' }, el('strong', {}, 'Map date'), dateInput, slider),
    el('div', { class: 'row' }, histLabel, rangeLabel, clearRange, bulletin),
    el('div', { id: 'histogram' }));
  const count = el('p', { id: 'event-count', class: 'muted' });
  const listTitle = el('h2', {}, 'Incidents');
  const list = el('div', { class: 'eventlist' });
  show(seq, el('div', { class: 'layout' }, filters,
    el('div', {}, el('div', { id: 'map' }), timebar, el('div', { class: 'card' }, listTitle, count, list))));

  const map = L.map('map', { zoomSnap: 0.5, preferCanvas: false }).setView([39.85, 46.6], 8);
  map.attributionControl.addAttribution('Base map: Natural Earth (public domain); places: GeoNames (CC BY 4.0)');
  L.geoJSON(basemap, { style: { color: '#8a96a8', weight: 1, fillColor: '#f2f0e9', fillOpacity: 1 } }).addTo(map);
  for (const f of basemap.features) {
    if (!COUNTRY_LABELS.includes(f.properties.name)) continue;
    const b = L.geoJSON(f).getBounds();
    L.tooltip({ permanent: true, direction: 'center', className: 'country-label', interactive: false })
      .setLatLng(b.getCenter()).setContent(el('span', {}, f.properties.name)).addTo(map);
  }
  const zoneLayer = L.layerGroup().addTo(map);
  L.geoJSON(roads, {
    // GeoJSON styles every layer, points too, before it is drawn: the class comes from here.
    style: (f) => (f.geometry.type === 'Point' ? { className: `map-${f.properties.kind}` }
      : { color: '#7a4b21', weight: 2, dashArray: f.properties.approximate ? '5 4' : null, className: 'road' }),
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 4, color: '#111', weight: 1.5, fillColor: '#fff', fillOpacity: 1,
      className: `map-${f.properties.kind}` }),
    onEachFeature: (f, layer) => layer.bindTooltip(el('span', {}, `${f.properties.name} (${f.properties.kind}${f.properties.active_from ? ', from ' + f.properties.active_from : ''})`)),
  }).addTo(map);
  const eventLayer = L.layerGroup().addTo(map);

  // Histogram of events per day, with a brush and the map date drawn on it.
  // Incidents per day (each on its first day) when the map shows incidents, events per day otherwise.
  const [dailyIncidents, dailyEvents] = await Promise.all([api('/api/incidents/daily'), api('/api/events/daily')]);
  const xs = [];
  for (let t = t0; t <= t1; t += DAY) xs.push(t / 1000);
  const countsOf = (daily) => {
    const perDay = new Map(daily.days.map((d) => [d.date, d.count]));
    return xs.map((x) => perDay.get(fromDay(x * 1000)) || 0);
  };
  const perLayer = { incidents: countsOf(dailyIncidents), events: countsOf(dailyEvents) };
  const ys = perLayer[mapState.layer];
  const width = () => document.getElementById('histogram').clientWidth || 800;
  plot = new uPlot({
    width: width(), height: 120, legend: { show: false }, cursor: { drag: { x: true, y: false, setScale: false } },
    scales: { x: { time: true }, y: { range: (u, lo, hi) => [0, Math.max(1, hi)] } },
    axes: [{}, { size: 30, incrs: [1, 2, 5, 10] }],
    series: [{}, { label: 'count', stroke: '#1f5fa8', fill: 'rgba(31,95,168,.45)', paths: uPlot.paths.bars({ size: [0.9, 6] }) }],
    hooks: {
      setSelect: [(u) => {
        if (u.select.width < 2) return;
        const a = u.posToVal(u.select.left, 'x') * 1000; const b = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
        mapState.range = [fromDay(a), fromDay(b)];
        u.setSelect({ left: 0, width: 0 }, false);
        refresh();
      }],
      draw: [(u) => {
        const x = u.valToPos(toDay(mapState.date) / 1000, 'x', true);
        const ctx = u.ctx; ctx.save(); ctx.strokeStyle = '#fca311'; ctx.lineWidth = 2;
        ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke(); ctx.restore();
      }],
    },
  }, [xs, ys], document.getElementById('histogram'));

  clearRange.addEventListener('click', () => { mapState.range = null; refresh(); });
  const setDate = (day) => {
    mapState.date = day; dateInput.value = day; slider.value = Math.round((toDay(day) - t0) / DAY);
    plot.redraw(false, false); drawZones();
  };
  slider.addEventListener('input', () => setDate(fromDay(t0 + slider.value * DAY)));
  dateInput.addEventListener('change', () => { if (dateInput.value) setDate(dateInput.value); });

  let zoneRequest = 0;
  async function drawZones() {
    const mine = ++zoneRequest;
    const zones = await api('/api/zones' + q({ date: mapState.date }));
    if (mine !== zoneRequest) return; // a later date was asked for meanwhile
    zoneLayer.clearLayers();
    const items = [];
    L.geoJSON(zones, {
      style: (f) => ({ color: ZONE_COLORS[f.properties.name] || '#555', weight: 2, dashArray: '6 4', fillOpacity: 0.15,
        className: `zone zone-${f.properties.name}` }),
      onEachFeature: (f, layer) => {
        const p = f.properties;
        const text = `${p.name}: ${p.from} → ${p.to || 'open'}${p.illustrative ? ' (illustrative, not an official map)' : ''}`;
        layer.bindTooltip(el('span', {}, text));
        items.push(el('li', { dataset: { zone: p.name, from: p.from, to: p.to || '' } }, el('span', { class: 'zone' }),
          `${p.name} ${p.from} → ${p.to || 'open'} `, p.illustrative ? el('span', { class: 'illustrative' }, 'illustrative') : null));
      },
    }).addTo(zoneLayer);
    document.getElementById('zone-legend').replaceChildren(...(items.length ? items : [el('li', { class: 'muted' }, 'no zone on this date')]));
  }

  // Outline by status (the same for incidents and events): dark = single source,
  // green and thick = corroborated, red and dashed = disputed; fill by type.
  const markerStyle = (type, status) => ({
    color: status === 'disputed' ? '#b42318' : status === 'corroborated' ? '#1c7c4a' : '#333',
    weight: status === 'corroborated' ? 3 : 2, dashArray: status === 'disputed' ? '3 3' : null,
    fillColor: TYPE_COLORS[type] || '#999',
  });
  const located = (places) => places.find((x) => x.lat !== null && x.lon !== null);

  function drawIncidents(page) {
    let onMap = 0;
    for (const i of page.items) {
      const p = located(i.places);
      if (!p) continue;
      onMap++;
      const marker = L.circleMarker([p.lat, p.lon], {
        ...markerStyle(i.type, i.status), radius: 7 + 2 * Math.min(3, i.documents - 1), fillOpacity: 0.85,
        className: `incident-marker type-${i.type} status-${i.status}`,
      });
      marker.bindTooltip(el('span', {}, `incident ${i.incident_id} · ${i.type.replaceAll('_', ' ')} · ${i.date || 'undated'} · ${p.name} · ${i.status.replace('_', ' ')} · ${i.documents} report${i.documents === 1 ? '' : 's'}`));
      marker.on('click', () => { location.hash = `#/incidents/${i.incident_id}`; });
      marker.addTo(eventLayer);
    }
    listTitle.textContent = 'Incidents';
    count.replaceChildren(`${page.total} incidents match; ${onMap} on the map${page.total > page.items.length ? ` (first ${page.items.length} listed)` : ''}. An incident is one occurrence as one or more reports tell it.`,
      ...page.warnings.map((w) => el('span', { class: 'warning' }, w)));
    list.replaceChildren(el('table', { id: 'incident-table' },
      el('thead', {}, el('tr', {}, ['Date', 'Type', 'Places', 'Asserted by', 'Denied by', 'Status', 'Reports', 'Provisions'].map((h) => el('th', {}, h)))),
      el('tbody', {}, page.items.map((i) => el('tr', { dataset: { incidentId: i.incident_id } },
        el('td', {}, i.date ? `${i.date}${i.date_end ? ' – ' + i.date_end : ''}` : '—'),
        el('td', {}, el('a', { href: `#/incidents/${i.incident_id}` }, i.type.replaceAll('_', ' '))),
        el('td', {}, i.places.map((p) => p.name).join(', ')),
        el('td', {}, i.sources.join('; ')), el('td', { class: 'denied' }, i.deniers.join('; ')),
        el('td', {}, pill(i.status), i.verdict ? el('div', { class: 'muted small' }, `verdict: ${i.verdict.kind.replaceAll('_', ' ')}`) : null),
        el('td', {}, i.documents),
        el('td', {}, i.provisions.length ? i.provisions.map((n) => `§${n}`).join(' ') : ''))))));
    return page.items.map((i) => i.type);
  }

  function drawEvents(page) {
    let onMap = 0;
    for (const e of page.items) {
      const p = located(e.places);
      if (!p) continue;
      onMap++;
      const rejected = e.review_state === 'rejected';
      const marker = L.circleMarker([p.lat, p.lon], {
        ...markerStyle(e.type, e.status), radius: 8, fillOpacity: rejected ? 0.2 : 0.85,
        className: `event-marker type-${e.type} status-${e.status} review-${e.review_state}`,
      });
      marker.bindTooltip(el('span', {}, `${e.type.replaceAll('_', ' ')} · ${e.date || 'undated'} · ${p.name} · ${e.status.replace('_', ' ')}`));
      marker.on('click', () => { location.hash = `#/events/${e.event_id}`; });
      marker.addTo(eventLayer);
    }
    listTitle.textContent = 'Events';
    count.textContent = `${page.total} events match; ${onMap} on the map${page.total > page.items.length ? ` (first ${page.items.length} listed)` : ''}.`;
    list.replaceChildren(el('table', { id: 'event-table' },
      el('thead', {}, el('tr', {}, ['Date', 'Type', 'Places', 'Claims', 'Status', 'Review'].map((h) => el('th', {}, h)))),
      el('tbody', {}, page.items.map((e) => el('tr', { dataset: { eventId: e.event_id } },
        el('td', {}, e.date || '—'),
        el('td', {}, el('a', { href: `#/events/${e.event_id}` }, e.type.replaceAll('_', ' '))),
        el('td', {}, e.places.map((p) => p.name).join(', ')),
        el('td', {}, e.claims.map((c) => `${c.stance === 'denied' ? '✗' : '✓'} ${c.claimant}`).join('; ')),
        el('td', {}, pill(e.status)), el('td', {}, pill(e.review_state)))))));
    return page.items.map((e) => e.type);
  }

  let request = 0;
  async function refresh() {
    const mine = ++request;
    const incidents = mapState.layer === 'incidents';
    const { review, ...shared } = mapState.filters;
    const params = { ...(incidents ? shared : mapState.filters), limit: 500 };
    if (mapState.range) { params.from = mapState.range[0]; params.to = mapState.range[1]; }
    rangeLabel.textContent = mapState.range ? `showing ${mapState.range[0]} – ${mapState.range[1]}` : 'showing all dates';
    const [from, to] = mapState.range || [first, last];
    bulletin.href = '/api/report' + q({ from, to, format: 'html' });
    const page = await api((incidents ? '/api/incidents' : '/api/events') + q(params));
    if (mine !== request) return; // the layer or a filter changed meanwhile
    eventLayer.clearLayers();
    const shown = incidents ? drawIncidents(page) : drawEvents(page);
    const legend = document.getElementById('legend');
    const types = [...new Set(shown)].sort();
    legend.replaceChildren(el('h2', {}, 'Legend'),
      ...types.map((t) => el('div', {}, el('span', { class: 'swatch', 'data-type': t }), t.replaceAll('_', ' '))),
      el('div', { class: 'status-key' }, INCIDENT_STATUSES.map((st) => el('span', {}, el('span', { class: `ring ${st}` }), st.replace('_', ' ')))),
      el('div', { class: 'muted' }, `Fill: type. Outline: red dashed = disputed, green = corroborated, dark = single source${incidents ? '; larger = told by more reports' : '; pale = rejected by review'}.`),
      el('div', {}, 'Roads (brown; dashed = approximate), checkpoints and bridges (white dots).'),
      el('h2', {}, 'Zones on the map date'), el('ul', { id: 'zone-legend' }));
    // Swatch colours through the CSSOM (no inline style attributes: CSP).
    legend.querySelectorAll('.swatch').forEach((s) => { s.style.background = TYPE_COLORS[s.dataset.type] || '#999'; });
    await drawZones();
  }
  await refresh();
}

// ---------- event page ----------

const TYPES = Object.keys(TYPE_COLORS);
const ROLES = ['perpetrator', 'target', 'escort', 'observer', 'participant'];

/** The clean text with the span [s, e) (Unicode code points) in a <mark>. */
function highlighted(text, spans) {
  const chars = Array.from(text);
  const out = []; let at = 0;
  for (const { span, cls, id } of [...spans].sort((a, b) => a.span[0] - b.span[0])) {
    const [s, e] = span;
    if (s < at || e > chars.length || e <= s) continue; // overlapping or out of range: left plain
    out.push(chars.slice(at, s).join(''));
    out.push(el('mark', { class: cls, id }, chars.slice(s, e).join('')));
    at = e;
  }
  out.push(chars.slice(at).join(''));
  return out;
}

function fieldsText(f) {
  return {
    type: f.type, date: f.date || '', date_end: f.date_end || '', places: f.places.join(', '),
    actors: f.actors.map((a) => `${a.name} (${a.role})`).join('; '), killed: f.killed ?? '', injured: f.injured ?? '',
  };
}

async function eventPage(seq, id) {
  const detail = await api(`/api/events/${encodeURIComponent(id)}`);
  const doc = await api(`/api/documents/${detail.event.doc_id}`);
  const e = detail.event;
  const asserted = e.claims.filter((c) => c.stance === 'asserted');
  const denied = e.claims.filter((c) => c.stance === 'denied');
  const claims = el('div', { class: 'card claims', id: 'claims' },
    el('div', { class: 'col', id: 'claims-asserted' }, el('h2', { class: 'asserted' }, `Asserted by (${asserted.length})`),
      asserted.length ? el('ul', {}, asserted.map((c) => el('li', {}, c.claimant))) : el('p', { class: 'muted' }, 'nobody')),
    el('div', { class: 'col', id: 'claims-denied' }, el('h2', { class: 'denied' }, `Denied by (${denied.length})`),
      denied.length ? el('ul', {}, denied.map((c) => el('li', {}, c.claimant))) : el('p', { class: 'muted' }, 'nobody')));

  const d = doc.document;
  const source = el('div', { class: 'card' },
    el('h2', {}, 'Source: ', el('a', { href: `#/documents/${d.doc_id}` }, d.title || d.name)),
    el('p', { class: 'muted' }, [d.outlet, d.published, d.url].filter(Boolean).join(' · ')),
    el('div', { class: 'source', id: 'source-text' }, highlighted(doc.clean_text, [{ span: e.span, cls: 'sentence', id: 'highlight' }])));

  const now = fieldsText({ ...e, places: e.places.map((p) => p.name) });
  const was = fieldsText(detail.extracted);
  const fields = el('div', { class: 'card' }, el('h2', {}, 'Fields'),
    el('table', { id: 'fields' }, el('thead', {}, el('tr', {}, el('th', {}, 'field'), el('th', {}, 'now'), el('th', {}, 'as extracted'))),
      el('tbody', {}, Object.keys(now).map((k) => el('tr', { dataset: { field: k } }, el('td', {}, k), el('td', {}, String(now[k]) || '—'),
        el('td', { class: now[k] === was[k] ? 'muted' : '' }, String(was[k]) || '—'))))),
    el('p', { class: 'muted' }, `Zones on its date: ${e.zones.join(', ') || 'none'} · confidence ${e.confidence.toFixed(2)} · rules: ${e.rule.join(', ')}`));

  const history = el('div', { class: 'card' }, el('h2', {}, 'Review history'), historyTable(detail.history));
  const incident = detail.incident_id !== null
    ? el('p', { id: 'event-incident' }, 'Part of ', el('a', { href: `#/incidents/${detail.incident_id}` }, `incident ${detail.incident_id}`),
      ', with the other reports of the same occurrence.')
    : el('p', { class: 'muted', id: 'event-incident' }, 'Rejected by review: part of no incident.');
  show(seq, el('h1', { id: 'event-title', dataset: { eventId: e.event_id } }, `${e.type.replaceAll('_', ' ')} · ${e.date || 'undated'}${e.date_end ? ' – ' + e.date_end : ''} `,
    pill(e.status), ' ', pill(e.review_state)),
  incident, claims, el('div', { class: 'grid2' }, el('div', {}, source, fields), el('div', {}, reviewPanel(e), history)));
  const mark = document.getElementById('highlight');
  if (mark) mark.scrollIntoView({ block: 'center' });
}

function historyTable(history) {
  if (!history.length) return el('p', { class: 'muted', id: 'history' }, 'Not reviewed yet.');
  return el('table', { id: 'history' }, el('thead', {}, el('tr', {}, ['When', 'Who', 'Action', 'Changes', 'Note'].map((h) => el('th', {}, h)))),
    el('tbody', {}, history.map((c) => {
      const a = fieldsText(c.before); const b = fieldsText(c.after);
      const changes = Object.keys(a).filter((k) => String(a[k]) !== String(b[k]))
        .map((k) => el('div', { class: 'diff' }, `${k}: `, el('del', {}, String(a[k]) || '—'), ' → ', el('ins', {}, String(b[k]) || '—')));
      return el('tr', { class: 'history-row' }, el('td', {}, c.created_at.replace('T', ' ').replace('Z', ' UTC')), el('td', {}, c.user),
        el('td', {}, c.action), el('td', {}, changes.length ? changes : el('span', { class: 'muted' }, 'no change')), el('td', {}, c.note || ''));
    })));
}

function reviewPanel(e) {
  const card = el('div', { class: 'card review-form', id: 'review' }, el('h2', {}, 'Review'));
  if (!['analyst', 'admin'].includes(session.user.role)) {
    card.append(el('p', { class: 'muted', id: 'review-readonly' }, `Your role (${session.user.role}) can read but not review.`));
    return card;
  }
  const status = el('p', { id: 'review-status', role: 'status' });
  const input = (id, value, attrs = {}) => el('input', { id, value: value ?? '', ...attrs });
  const type = el('select', { id: 'fix-type' }, TYPES.map((t) => el('option', { value: t, selected: t === e.type }, t.replaceAll('_', ' '))));
  const date = input('fix-date', e.date, { placeholder: 'YYYY-MM-DD' });
  const dateEnd = input('fix-date-end', e.date_end, { placeholder: 'YYYY-MM-DD' });
  const places = input('fix-places', e.places.map((p) => p.name).join(', '), { placeholder: 'Place, Place' });
  const actors = el('textarea', { id: 'fix-actors', rows: 3, placeholder: 'name | role (one a line)' });
  actors.value = e.actors.map((a) => `${a.name} | ${a.role}`).join('\n');
  const killed = input('fix-killed', e.killed, { type: 'number', min: 0 });
  const injured = input('fix-injured', e.injured, { type: 'number', min: 0 });
  const note = el('textarea', { id: 'fix-note', rows: 2, placeholder: 'why (optional)' });
  const send = async (action) => {
    const body = { action, note: note.value };
    if (action === 'correct') {
      body.fields = {
        type: type.value, date: date.value.trim() || null, date_end: dateEnd.value.trim() || null,
        places: places.value.split(',').map((s) => s.trim()).filter(Boolean),
        actors: actors.value.split('\n').map((l) => l.split('|').map((s) => s.trim())).filter((p) => p[0])
          .map(([name, role]) => ({ name, role: ROLES.includes(role) ? role : 'participant' })),
        killed: killed.value === '' ? null : Number(killed.value), injured: injured.value === '' ? null : Number(injured.value),
      };
    }
    try {
      await api(`/api/events/${e.event_id}/review`, { method: 'POST', body });
      await eventPage(routeSeq, e.event_id);
      const s = document.getElementById('review-status'); if (s) s.textContent = `Saved: ${action}.`;
    } catch (err) { status.replaceChildren(errorBox(err)); }
  };
  card.append(
    el('div', { class: 'buttons' },
      el('button', { type: 'button', id: 'review-accept', on: { click: () => send('accept') } }, 'Accept as is'),
      el('button', { type: 'button', id: 'review-reject', class: 'danger', on: { click: () => send('reject') } }, 'Reject (not an event)')),
    el('label', { for: 'fix-type' }, 'Type'), type, el('label', { for: 'fix-date' }, 'Date'), date,
    el('label', { for: 'fix-date-end' }, 'Date end'), dateEnd, el('label', { for: 'fix-places' }, 'Places (gazetteer names)'), places,
    el('label', { for: 'fix-actors' }, 'Actors (name | role)'), actors, el('label', { for: 'fix-killed' }, 'Killed'), killed,
    el('label', { for: 'fix-injured' }, 'Injured'), injured, el('label', { for: 'fix-note' }, 'Note'), note,
    el('div', { class: 'buttons' }, el('button', { type: 'button', class: 'primary', id: 'review-correct', on: { click: () => send('correct') } }, 'Save correction')),
    status);
  return card;
}

// ---------- incident page ----------

/** A source box: the document's clean text with one sentence marked, scrolled to it after show(). */
function sourceBox(text, span, id) {
  return el('div', { class: 'source claim-source' }, highlighted(text, [{ span, cls: 'sentence', id }]));
}

/** Scrolls each source box (not the page) so that its marked sentence shows near the top. */
function scrollMarks(root) {
  root.querySelectorAll('.claim-source').forEach((box) => {
    const mark = box.querySelector('mark');
    if (mark) box.scrollTop = Math.max(0, mark.offsetTop - 8);
  });
}

/** A casualty range and every figure stated, with who states it. */
function rangeCell(r) {
  if (!r) return el('td', { class: 'muted' }, 'not stated');
  const range = r.low === r.high ? String(r.low) : `${r.low}–${r.high} (best ${r.best})`;
  return el('td', {}, el('strong', {}, range),
    r.values.map((v) => el('div', { class: 'muted small' }, `${v.count}: ${v.sources.join('; ') || 'unattributed'}`)));
}

async function incidentPage(seq, id) {
  const d = await api(`/api/incidents/${encodeURIComponent(id)}`);
  const inc = d.incident;
  // Every document a claim rests on, fetched once: its clean text is what spans index into.
  const docIds = [...new Set(d.claims.map((c) => c.doc_id))];
  const docs = new Map(await Promise.all(docIds.map(async (k) => [k, await api(`/api/documents/${k}`)])));

  const claimCard = (c, n) => {
    const doc = docs.get(c.doc_id);
    const meta = doc.document;
    return el('div', { class: `claim ${c.stance}`, dataset: { eventId: c.event_id, stance: c.stance } },
      el('div', { class: 'claimant' }, el('strong', {}, c.claimant),
        c.source !== c.claimant ? el('span', { class: 'muted' }, ` (counts for ${c.source})`) : null),
      el('div', { class: 'muted small' }, 'in ', el('a', { href: `#/documents/${c.doc_id}` }, meta.title || meta.name),
        [meta.outlet, meta.published].filter(Boolean).map((t) => ` · ${t}`).join(''), ' · ',
        el('a', { href: `#/events/${c.event_id}` }, `event ${c.event_id}`),
        c.evidence ? ` · evidence: ${c.evidence}` : ''),
      sourceBox(doc.clean_text, c.span, `claim-mark-${n}`));
  };
  const asserted = d.claims.filter((c) => c.stance === 'asserted');
  const denied = d.claims.filter((c) => c.stance === 'denied');
  let n = 0;
  const claims = el('div', { class: 'card claims', id: 'incident-claims' },
    el('div', { class: 'col', id: 'claims-asserted' }, el('h2', { class: 'asserted' }, `Asserted (${asserted.length})`),
      asserted.length ? asserted.map((c) => claimCard(c, n++)) : el('p', { class: 'muted' }, 'nobody asserts it')),
    el('div', { class: 'col', id: 'claims-denied' }, el('h2', { class: 'denied' }, `Denied (${denied.length})`),
      denied.length ? denied.map((c) => claimCard(c, n++)) : el('p', { class: 'muted' }, 'nobody denies it')));

  const reading = (r, label) => el('li', {}, `${label}: ${r.text} — held by ${r.held_by.join(', ')}`);
  const provisions = el('div', { class: 'card', id: 'provisions' },
    el('h2', {}, `Provisions it may engage if it happened as claimed — ${d.agreement.title}`),
    el('p', { class: 'muted' }, 'truce asserts none of this: each sentence says who claims what and what that would engage if so; it never says a provision was breached.'),
    d.provisions.length ? d.provisions.map((p) => el('div', { class: 'provision', dataset: { provision: p.provision } },
      el('h3', {}, `Provision ${p.provision} — ${p.title} `, el('span', { class: `pill ${p.bearing}` }, p.bearing === 'engages' ? 'may engage' : 'bears on carrying out'),
        p.party_name ? el('span', { class: 'muted' }, ` · on the part of ${p.party_name}`) : null),
      el('p', { class: 'wording' }, p.wording),
      el('details', {}, el('summary', {}, 'What matched, what could not be checked'),
        el('ul', {}, p.matched.map((m) => el('li', {}, m)), p.caveats.map((m) => el('li', { class: 'caveat' }, `caveat: ${m}`)),
          p.named_by.length ? el('li', {}, `named by: ${p.named_by.join('; ')}`) : null,
          p.reading ? reading(p.reading, 'reading used') : null,
          p.other_readings.map((r) => reading(r, 'competing reading')),
          p.zones.map((z) => el('li', {}, `${z.place} in ${z.zone} (version ${z.version})`, z.illustrative ? ' ' : '',
            z.illustrative ? el('span', { class: 'illustrative' }, 'illustrative') : null)))))) :
      el('p', { class: 'muted', id: 'no-provision' }, 'Its claims engage no provision.'),
    d.context.length ? el('div', {}, el('h3', {}, 'Context'),
      el('ul', {}, d.context.map((c) => el('li', {}, `${c.date}: ${c.text}`)))) : null);

  const figures = el('div', { class: 'card', id: 'casualties' }, el('h2', {}, 'Casualties and disputed fields'),
    el('table', { class: 'figures' }, el('tbody', {},
      el('tr', {}, el('th', {}, 'killed'), rangeCell(inc.killed)),
      el('tr', {}, el('th', {}, 'injured'), rangeCell(inc.injured)))),
    d.disputes.length ? el('table', { id: 'disputes' },
      el('thead', {}, el('tr', {}, el('th', {}, 'field'), el('th', {}, 'values, with who states them'))),
      el('tbody', {}, d.disputes.map((f) => el('tr', {}, el('td', {}, f.field),
        el('td', {}, f.values.map((v) => el('div', {}, el('strong', {}, v.value), ` — ${v.sources.join('; ') || 'unattributed'}`)))))))
      : el('p', { class: 'muted' }, 'The claims agree on type, date, perpetrator and figures.'));

  const zones = el('div', { class: 'card', id: 'incident-zones' },
    el('h2', {}, d.zone_date ? `Zones on ${d.zone_date}` : 'Zones'),
    d.zone_placements.length ? el('table', {},
      el('thead', {}, el('tr', {}, ['Zone', 'Place', 'Where', 'To the edge', 'Version'].map((h) => el('th', {}, h)))),
      el('tbody', {}, d.zone_placements.map((z) => el('tr', {}, el('td', {}, z.zone, z.illustrative ? ' ' : '',
        z.illustrative ? el('span', { class: 'illustrative' }, 'illustrative') : null),
      el('td', {}, z.place), el('td', {}, z.inside ? 'inside' : 'outside'), el('td', {}, `${z.distance_to_edge_km.toFixed(1)} km`),
      el('td', {}, `${z.from} → ${z.to || 'open'}`))))) :
      el('p', { class: 'muted' }, d.zone_date ? 'No zone is valid on its date, or no place has coordinates.' : 'Undated: zones are looked up on a date.'));

  const merge = el('div', { class: 'card', id: 'merge-reasons' }, el('h2', {}, 'Why these reports were merged'),
    d.links.length ? el('ul', { class: 'links' }, d.links.map((l) => el('li', {},
      el('a', { href: `#/events/${l.a}` }, `event ${l.a}`), ' + ', el('a', { href: `#/events/${l.b}` }, `event ${l.b}`), ': ',
      l.reasons.map((r) => r.text).join('; ')))) :
      el('p', { class: 'muted' }, 'One report: nothing was merged.'),
    inc.corrections.length ? el('div', { id: 'incident-corrections' }, el('h3', {}, 'Analyst corrections'),
      el('ul', {}, inc.corrections.map((t) => el('li', {}, t)))) : null);

  const events = el('div', { class: 'card', id: 'incident-events' }, el('h2', {}, `Events (${d.events.length}) and their review history`),
    el('table', {}, el('thead', {}, el('tr', {}, ['Event', 'Document', 'Type', 'Date', 'Claims', 'Review'].map((h) => el('th', {}, h)))),
      el('tbody', {}, d.events.map((e) => el('tr', { dataset: { eventId: e.event_id } },
        el('td', {}, el('a', { href: `#/events/${e.event_id}`, class: 'history-link' }, `event ${e.event_id} · review history`)),
        el('td', {}, el('a', { href: `#/documents/${e.doc_id}` }, e.doc)),
        el('td', {}, e.type.replaceAll('_', ' ')), el('td', {}, e.date || '—'),
        el('td', {}, e.claims.map((c) => `${c.stance === 'denied' ? '✗' : '✓'} ${c.claimant}`).join('; ')),
        el('td', {}, pill(e.review_state)))))));

  const history = await api(`/api/incidents/${encodeURIComponent(inc.incident_id)}/history`);
  const corrections = el('div', { class: 'card', id: 'incident-correct' }, el('h2', {}, 'Analyst corrections and their history'),
    correctionForms(inc), historyList(history));

  const when = inc.date ? `${inc.date}${inc.date_end ? ' – ' + inc.date_end : ''}` : 'undated';
  show(seq, el('h1', { id: 'incident-title', dataset: { incidentId: inc.incident_id } },
    `Incident ${inc.incident_id} · ${inc.type.replaceAll('_', ' ')} · ${when} `, pill(inc.status)),
  el('p', { class: 'muted', id: 'incident-summary' }, [
    `${inc.documents} report${inc.documents === 1 ? '' : 's'}, ${inc.claims} claim${inc.claims === 1 ? '' : 's'}`,
    inc.places.length ? `places: ${inc.places.map((p) => p.name).join(', ')}` : 'no place named',
    inc.actors.length ? `actors: ${inc.actors.map((a) => `${a.name} (${a.role})`).join('; ')}` : null,
  ].filter(Boolean).join(' · ')),
  inc.verdict ? el('p', { id: 'incident-verdict', class: 'verdict' }, `Reviewer\u2019s verdict: ${inc.verdict.kind.replaceAll('_', ' ')} (${inc.verdict.reviewer}${inc.verdict.date ? ', ' + inc.verdict.date : ''})`,
    inc.verdict.note ? ` — ${inc.verdict.note}` : '', `. Status computed from the claims: ${inc.status.replace('_', ' ')}.`) : null,
  claims, provisions, el('div', { class: 'grid2' }, el('div', {}, figures, merge), el('div', {}, zones)), events, corrections);
  scrollMarks(main());
  if (incidentFlash) {
    const s = document.getElementById('correction-status');
    if (s) s.textContent = incidentFlash;
    incidentFlash = null;
  }
}

// Said once on the incident page shown after a correction (it may be another incident's page).
let incidentFlash = null;

const VERDICTS = ['credible', 'unverifiable', 'not_credible', 'pending'];

/** Split, merge and verdict forms (analysts and admins); each change reloads the incident it shaped. */
function correctionForms(inc) {
  if (!['analyst', 'admin'].includes(session.user.role)) {
    return el('p', { class: 'muted', id: 'correct-readonly' }, `Your role (${session.user.role}) can read but not correct incidents.`);
  }
  const status = el('p', { id: 'correction-status', role: 'status' });
  const send = async (path, body) => {
    try {
      const r = await api(path, { method: 'POST', body });
      const next = r.incidents.length ? r.incidents[0].incident_id : inc.incident_id;
      incidentFlash = `Saved: ${r.text}.`;
      if (String(next) !== String(inc.incident_id)) location.hash = `#/incidents/${next}`;
      else await incidentPage(routeSeq, next);
    } catch (err) {
      if (err instanceof Stale) return;
      status.replaceChildren(errorBox(err));
    }
  };
  const boxes = inc.event_ids.map((e) => el('input', { type: 'checkbox', value: e, id: `split-event-${e}`, class: 'split-event' }));
  const split = el('fieldset', { id: 'split-form' }, el('legend', {}, 'Split a wrong merge: move these events into an incident of their own'),
    inc.event_ids.length > 1
      ? [...boxes.map((b) => el('label', { class: 'split-choice' }, b, ` event ${b.value}`)),
        el('button', { type: 'button', id: 'split-submit', on: { click: () => {
          const events = boxes.filter((b) => b.checked).map((b) => Number(b.value));
          if (!events.length) { status.textContent = 'Pick the events to move out first.'; return; }
          send(`/api/incidents/${inc.incident_id}/split`, { events });
        } } }, 'Split off the checked events')]
      : el('p', { class: 'muted' }, 'One event: nothing to split.'));
  const other = el('input', { id: 'merge-with', type: 'number', min: 1, placeholder: 'incident id' });
  const merge = el('fieldset', { id: 'merge-form' }, el('legend', {}, 'Merge a missed one'),
    el('label', { for: 'merge-with' }, 'Merge with incident #'), other,
    el('button', { type: 'button', id: 'merge-submit', on: { click: () => {
      const b = Number(other.value);
      if (!Number.isInteger(b) || b < 1) { status.textContent = 'Give the id of the other incident.'; return; }
      send('/api/incidents/merge', { a: inc.incident_id, b });
    } } }, 'Merge'));
  const kind = el('select', { id: 'verdict-status' }, VERDICTS.map((v) => el('option', { value: v, selected: inc.verdict && inc.verdict.kind === v }, v.replace('_', ' '))));
  const note = el('textarea', { id: 'verdict-note', rows: 2, placeholder: 'why (optional)' });
  const verdict = el('fieldset', { id: 'verdict-form' }, el('legend', {}, 'Reviewer\u2019s verdict (shown beside the status computed from the claims)'),
    el('label', { for: 'verdict-status' }, 'Verdict'), kind, el('label', { for: 'verdict-note' }, 'Note'), note,
    el('button', { type: 'button', id: 'verdict-submit', class: 'primary', on: { click: () =>
      send(`/api/incidents/${inc.incident_id}/verdict`, { status: kind.value, note: note.value }) } }, 'Record verdict'));
  return el('div', { class: 'correct-forms' }, split, merge, verdict, status);
}

/** The corrections that concern an incident: who, when, what, membership before and after. */
function historyList(history) {
  if (!history.length) return el('p', { class: 'muted', id: 'incident-history' }, 'No analyst correction concerns this incident.');
  const states = (list) => list.map((s) => `#${s.incident_id} [events ${s.event_ids.join(', ')}] ${s.shown_status}`).join('; ');
  return el('ol', { id: 'incident-history' }, history.map((h) => el('li', { class: 'incident-history-entry', dataset: { op: h.op } },
    el('strong', {}, `${h.created_at.replace('T', ' ').replace('Z', ' UTC')} · ${h.user}`), ` · ${h.text}`,
    el('div', { class: 'diff' }, 'before: ', el('del', {}, states(h.before) || '—')),
    h.applied ? el('div', { class: 'diff' }, 'after: ', el('ins', {}, states(h.after) || '—'))
      : el('div', { class: 'caveat' }, `not applied: ${h.problem}`))));
}

// ---------- counts by claimant ----------

async function countsPage(seq, params) {
  const from = params.get('from') || ''; const to = params.get('to') || '';
  const counts = await api('/api/counts' + q({ from, to }));
  const fromInput = el('input', { id: 'counts-from', value: from, placeholder: 'YYYY-MM-DD (open)', size: 14 });
  const toInput = el('input', { id: 'counts-to', value: to, placeholder: 'YYYY-MM-DD (open)', size: 14 });
  const form = el('form', { class: 'card row-form', on: { submit: (ev) => {
    ev.preventDefault();
    location.hash = '#/counts' + q({ from: fromInput.value.trim(), to: toInput.value.trim() });
  } } }, el('label', { for: 'counts-from' }, 'From '), fromInput, el('label', { for: 'counts-to' }, ' to '), toInput, ' ',
  el('button', { class: 'primary', type: 'submit' }, 'Count'));
  const types = [...new Set(counts.claimants.flatMap((c) => c.by_type.map((t) => t.name)))].sort();
  const bulletin = from && to ? el('p', {}, 'Bulletin for this period: ',
    el('a', { href: '/api/report' + q({ from, to, format: 'html' }), target: '_blank', rel: 'noopener' }, 'HTML'), ' · ',
    el('a', { href: '/api/report' + q({ from, to, format: 'md' }), target: '_blank', rel: 'noopener' }, 'Markdown'))
    : el('p', { class: 'muted' }, 'Give both dates for a bulletin of the period.');
  show(seq, el('h1', {}, 'Counts as each source reports them'),
    el('p', { class: 'muted' }, 'Each source\u2019s own figures, side by side: the incidents it asserts and denies, by the type its own reports give. truce does not add them up into one truth.'),
    form, el('div', { class: 'card' },
      el('p', { id: 'counts-summary' }, `${counts.incidents} incidents ${from || to ? `overlapping ${from || '…'} – ${to || '…'}` : 'in all'}.`), bulletin,
      el('table', { id: 'counts' },
        el('thead', {}, el('tr', {}, ['Source', 'Side', 'Asserts', 'Denies', ...types.map((t) => t.replaceAll('_', ' '))].map((h) => el('th', {}, h)))),
        el('tbody', {}, counts.claimants.map((c) => el('tr', {},
          el('td', {}, c.claimant), el('td', {}, c.side || ''), el('td', {}, c.asserted), el('td', { class: c.denied ? 'denied' : '' }, c.denied),
          types.map((t) => el('td', { class: 'muted' }, (c.by_type.find((b) => b.name === t) || { count: '' }).count))))))));
}

// ---------- documents and search ----------

async function documentsPage(seq) {
  const page = await api('/api/documents?limit=500');
  show(seq, el('h1', {}, 'Documents'), el('div', { class: 'card' }, el('table', { id: 'documents' },
    el('thead', {}, el('tr', {}, ['#', 'Title', 'Outlet', 'Published', 'Events'].map((h) => el('th', {}, h)))),
    el('tbody', {}, page.items.map((d) => el('tr', {}, el('td', {}, d.doc_id),
      el('td', {}, el('a', { href: `#/documents/${d.doc_id}` }, d.title || d.name)), el('td', {}, d.outlet || ''),
      el('td', {}, d.published || ''), el('td', {}, d.n_events)))))));
}

async function documentPage(seq, id) {
  const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
  const d = doc.document;
  show(seq, el('h1', { id: 'document-title', dataset: { docId: d.doc_id } }, d.title || d.name),
    el('p', { class: 'muted' }, [d.name, d.outlet, d.published, d.url].filter(Boolean).join(' · ')),
    el('div', { class: 'grid2' },
      el('div', { class: 'card' }, el('h2', {}, 'Clean text (event sentences marked)'),
        el('div', { class: 'source', id: 'document-text' }, highlighted(doc.clean_text, doc.events.map((e) => ({ span: e.span, cls: 'other' }))))),
      el('div', { class: 'card' }, el('h2', {}, `Events (${doc.events.length})`), el('ul', {}, doc.events.map((e) =>
        el('li', {}, el('a', { href: `#/events/${e.event_id}` }, `${e.type.replaceAll('_', ' ')} · ${e.date || 'undated'}`), ' ', pill(e.status), el('br'),
          el('span', { class: 'muted' }, e.text)))),
      doc.removed.length ? el('details', {}, el('summary', {}, `${doc.removed.length} lines removed as boilerplate`),
        el('ul', {}, doc.removed.map((l) => el('li', {}, l)))) : null)));
}

async function searchPage(seq, text) {
  const input = el('input', { id: 'search-input', value: text, placeholder: 'words, all required', size: 40 });
  const form = el('form', { class: 'card', on: { submit: (ev) => { ev.preventDefault(); location.hash = '#/search?q=' + encodeURIComponent(input.value); } } },
    input, ' ', el('button', { class: 'primary', type: 'submit' }, 'Search'));
  if (!text.trim()) return show(seq, el('h1', {}, 'Search'), form);
  const res = await api('/api/search' + q({ q: text }));
  show(seq, el('h1', {}, 'Search'), form,
    el('div', { class: 'card', id: 'search-documents' }, el('h2', {}, `Documents (${res.documents.length})`),
      res.documents.map((d) => el('p', {}, el('a', { href: `#/documents/${d.doc_id}` }, d.title || d.name), el('br'), el('span', { class: 'muted' }, d.excerpt)))),
    el('div', { class: 'card', id: 'search-events' }, el('h2', {}, `Events (${res.events.length})`),
      res.events.map((e) => el('p', {}, el('a', { href: `#/events/${e.event_id}` }, `${e.type.replaceAll('_', ' ')} · ${e.date || 'undated'}`), ' ', pill(e.status), el('br'), e.text))));
  input.focus();
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', route);
