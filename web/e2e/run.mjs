// End-to-end checks of the truce UI in real headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core; no browser is downloaded).
// Run by crates/truce-server/tests/it/browser.rs against a live server over
// the demo corpus. Env: TRUCE_URL, TRUCE_CHROMIUM, TRUCE_SCREENSHOTS,
// TRUCE_ANALYST / TRUCE_VIEWER ("name:password").
import { chromium } from 'playwright-core';
import { join } from 'node:path';

const base = process.env.TRUCE_URL;
const shots = process.env.TRUCE_SCREENSHOTS || 'screenshots';
const [analyst, analystPw] = (process.env.TRUCE_ANALYST || '').split(':');
const [viewer, viewerPw] = (process.env.TRUCE_VIEWER || '').split(':');
if (!base || !analyst || !viewer) throw new Error('set TRUCE_URL, TRUCE_ANALYST and TRUCE_VIEWER');

let passed = 0; let failed = 0;
const problems = []; // page errors, console errors (CSP violations show there), dialogs
function assert(cond, message) { if (!cond) throw new Error(message); }
async function check(name, fn) {
  const t = Date.now();
  try { await fn(); passed++; console.log(`ok - ${name} (${Date.now() - t} ms)`); } catch (e) { failed++; console.log(`not ok - ${name}: ${e.stack || e}`); }
}

const browser = await chromium.launch({
  executablePath: process.env.TRUCE_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // Playwright gives every launch a fresh, empty profile (its own --user-data-dir).
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

async function newPage(who) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message}`));
  page.on('console', (m) => {
    // Refused requests the checks make on purpose (logged out, wrong password, viewer writes) are logged too.
    if (m.type() === 'error' && !/Failed to load resource: .*status of (401|403)/.test(m.text())) problems.push(`${who}: console error: ${m.text()} ${JSON.stringify(m.location())}`);
  });
  page.on('dialog', async (d) => { problems.push(`${who}: a ${d.type()} dialog opened: ${d.message()}`); await d.dismiss(); });
  return page;
}

async function login(page, name, password) {
  await page.goto(base + '/#/map');
  await page.locator('#login-name').fill(name);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-submit').click();
  await page.locator('#whoami', { hasText: name }).waitFor();
}

const getJson = (page, path) => page.evaluate(async (p) => (await fetch(p)).json(), path);
const shot = (page, name) => page.screenshot({ path: join(shots, name + '.png'), fullPage: true });

const page = await newPage('analyst');
let events = [];
let protest = null;

await check('the login page renders and a wrong password is refused', async () => {
  await page.goto(base + '/');
  await page.locator('#login-name').waitFor();
  await shot(page, '01-login');
  await page.locator('#login-name').fill(analyst);
  await page.locator('#login-password').fill('wrong password');
  await page.locator('#login-submit').click();
  await page.locator('#login-error', { hasText: 'wrong user name or password' }).waitFor();
  // A route change while logged out asks the server again (/api/me) but keeps
  // the form and what was typed: a slow answer must not wipe a half-filled form.
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/me')),
    page.evaluate(() => { location.hash = '#/counts'; }),
  ]);
  await page.evaluate(() => new Promise((done) => setTimeout(done, 200))); // let the route finish with that answer
  assert(await page.locator('#login-name').inputValue() === analyst, 'the typed user name survives a route change');
});

let incidents = [];

await check('the map shows incidents by default, by type and status', async () => {
  await login(page, analyst, analystPw);
  await page.locator('#incident-table tbody tr').first().waitFor();
  const answer = await getJson(page, '/api/incidents?limit=500');
  incidents = answer.items;
  events = (await getJson(page, '/api/events?limit=500')).items;
  assert(incidents.length >= 10 && incidents.length < events.length, `${incidents.length} incidents from ${events.length} events`);
  const located = incidents.filter((i) => i.places.some((p) => p.lat !== null));
  await page.waitForFunction((n) => document.querySelectorAll('path.incident-marker').length === n, located.length);
  assert(await page.locator('path.event-marker').count() === 0, 'raw events drawn with the incidents');
  const rows = await page.locator('#incident-table tbody tr').count();
  assert(rows === incidents.length, `${rows} rows listed, ${incidents.length} incidents`);
  for (const status of ['single_source', 'disputed']) {
    const n = located.filter((i) => i.status === status).length;
    assert(n > 0, `no located ${status} incident in the demo`);
    const drawn = await page.locator(`path.incident-marker.status-${status}`).count();
    assert(drawn === n, `${drawn} ${status} markers drawn, ${n} expected`);
  }
  // Outline by status: disputed dashed red, single source dark.
  const dash = await page.locator('path.incident-marker.status-disputed').first().getAttribute('stroke-dasharray');
  assert(dash, 'a disputed incident is not dashed');
  assert(await page.locator('path.road').count() > 0, 'no road drawn');
  assert(await page.locator('path.map-checkpoint').count() > 0, 'no checkpoint drawn');
  assert(await page.locator('.leaflet-overlay-pane path').count() > located.length, 'no base map drawn');
  assert((await page.locator('#histogram-label').textContent()).startsWith('Incidents per day'), 'the histogram does not count incidents');
  await shot(page, '02-map-incidents');
});

await check('the toggle shows the raw events', async () => {
  await page.locator('#layer-events').check();
  await page.locator('#event-table tbody tr').first().waitFor();
  const located = events.filter((e) => e.places.some((p) => p.lat !== null));
  await page.waitForFunction((n) => document.querySelectorAll('path.event-marker').length === n, located.length);
  assert(await page.locator('path.incident-marker').count() === 0, 'incidents drawn with the raw events');
  const rows = await page.locator('#event-table tbody tr').count();
  assert(rows === events.length, `${rows} rows listed, ${events.length} events`);
  assert((await page.locator('#histogram-label').textContent()).startsWith('Events per day'), 'the histogram does not count events');
  await shot(page, '02-map-events');
});

await check('the date slider changes the zone drawn (peacekeeping-zone, 2020-12-12 vs 2020-12-14)', async () => {
  const zonePath = () => page.locator('path.zone-peacekeeping-zone').first().getAttribute('d');
  // The slider: day index from its first day.
  const min = await page.locator('#map-date').getAttribute('min');
  const index = (day) => String(Math.round((Date.parse(day) - Date.parse(min)) / 86400000));
  await page.locator('#date-slider').fill(index('2020-12-12'));
  await page.locator('#map-date').evaluate((i) => i.value).then((v) => assert(v === '2020-12-12', `date input says ${v}`));
  await page.locator('#zone-legend li[data-zone="peacekeeping-zone"][data-to="2020-12-12"]').waitFor();
  const before = await zonePath();
  await shot(page, '03-map-2020-12-12');
  await page.locator('#date-slider').fill(index('2020-12-14'));
  await page.locator('#zone-legend li[data-zone="peacekeeping-zone"][data-from="2020-12-13"]').waitFor();
  const after = await zonePath();
  assert(before && after && before !== after, 'the peacekeeping zone was not redrawn');
  const legend = await page.locator('#zone-legend').innerText();
  assert(legend.includes('illustrative'), `zones not labelled illustrative: ${legend}`);
  await shot(page, '04-map-2020-12-14');
  // The date box drives the same thing.
  await page.locator('#map-date').fill('2020-12-12');
  await page.locator('#map-date').dispatchEvent('change');
  await page.locator('#zone-legend li[data-zone="peacekeeping-zone"][data-to="2020-12-12"]').waitFor();
});

await check('a filter narrows the map', async () => {
  const disputed = events.filter((e) => e.status === 'disputed');
  await page.locator('#filter-status').selectOption('disputed');
  await page.waitForFunction((n) => document.querySelectorAll('#event-table tbody tr').length === n, disputed.length);
  // The same filter on the incidents.
  await page.locator('#layer-incidents').check();
  const disputedIncidents = incidents.filter((i) => i.status === 'disputed');
  await page.waitForFunction((n) => document.querySelectorAll('#incident-table tbody tr').length === n
    && [...document.querySelectorAll('#incident-table tbody tr')].every((r) => r.textContent.includes('disputed')), disputedIncidents.length);
  await page.locator('#filter-status').selectOption('');
  await page.waitForFunction((n) => document.querySelectorAll('#incident-table tbody tr').length === n, incidents.length);
  await page.locator('#layer-events').check();
  await page.waitForFunction((n) => document.querySelectorAll('#event-table tbody tr').length === n, events.length);
});

await check('an event page highlights its sentence, with every claim side by side', async () => {
  protest = events.find((e) => e.text.includes('sit-in')) || events.find((e) => e.doc.startsWith('08_'));
  assert(protest, 'no event from the protest report');
  await page.goto(`${base}/#/events/${protest.event_id}`);
  await page.locator(`#event-title[data-event-id="${protest.event_id}"]`).waitFor();
  const mark = page.locator('#source-text mark#highlight');
  await mark.waitFor();
  const marked = await mark.textContent();
  assert(marked === protest.text, `highlighted ${JSON.stringify(marked)}, expected ${JSON.stringify(protest.text)}`);
  const asserted = await page.locator('#claims-asserted li').allTextContents();
  const expected = protest.claims.filter((c) => c.stance === 'asserted').map((c) => c.claimant);
  assert(JSON.stringify(asserted) === JSON.stringify(expected), `asserted ${asserted} vs ${expected}`);
  await page.locator('#claims-denied').waitFor();
  // A disputed event shows its denials in the other column.
  const disputed = events.find((e) => e.status === 'disputed');
  await page.goto(`${base}/#/events/${disputed.event_id}`);
  await page.locator(`#event-title[data-event-id="${disputed.event_id}"]`).waitFor();
  const denied = await page.locator('#claims-denied li').allTextContents();
  assert(denied.length >= 1, 'a disputed event with no denial shown');
  await shot(page, '05-event-disputed');
});

await check('an incident page shows every claim side by side, its sentences, and the provisions it may engage', async () => {
  // A disputed incident told by two reports that may engage a provision: the
  // Azerbaijani statement of 19 July 2021 and the Armenian denial.
  const chosen = incidents.find((i) => i.status === 'disputed' && i.documents > 1 && i.provisions.length > 0 && i.verdict);
  assert(chosen, 'no disputed incident from two reports that engages a provision, with a verdict');
  const detail = await getJson(page, `/api/incidents/${chosen.incident_id}`);
  await page.goto(`${base}/#/map`);
  await page.locator('#layer-incidents').check();
  await page.locator(`#incident-table tr[data-incident-id="${chosen.incident_id}"] a`).click();
  await page.locator(`#incident-title[data-incident-id="${chosen.incident_id}"]`).waitFor();
  assert(page.url().endsWith(`#/incidents/${chosen.incident_id}`), `the table links to ${page.url()}`);
  for (const stance of ['asserted', 'denied']) {
    const expected = detail.claims.filter((c) => c.stance === stance);
    assert(expected.length > 0, `no ${stance} claim`);
    const cards = page.locator(`#claims-${stance} .claim`);
    assert(await cards.count() === expected.length, `${await cards.count()} ${stance} claims shown, ${expected.length} expected`);
    for (let k = 0; k < expected.length; k++) {
      const card = cards.nth(k);
      const who = await card.locator('.claimant strong').textContent();
      assert(who === expected[k].claimant, `claimant ${who} vs ${expected[k].claimant}`);
      // The sentence is marked inside its document's clean text, and scrolled into its box.
      const marked = await card.locator('.claim-source mark').textContent();
      assert(marked === expected[k].text, `marked ${JSON.stringify(marked)}, expected ${JSON.stringify(expected[k].text)}`);
      const whole = await card.locator('.claim-source').textContent();
      assert(whole.length > marked.length, 'only the sentence is shown, not its document');
      const visible = await card.locator('.claim-source').evaluate((box) => {
        const m = box.querySelector('mark'); const b = box.getBoundingClientRect(); const r = m.getBoundingClientRect();
        return r.top >= b.top - 1 && r.top < b.bottom;
      });
      assert(visible, `claim ${k} (${stance}): the marked sentence is scrolled out of its box`);
    }
  }
  // Columns side by side.
  const a = await page.locator('#claims-asserted').boundingBox();
  const d = await page.locator('#claims-denied').boundingBox();
  assert(Math.abs(a.y - d.y) < 2 && d.x > a.x + a.width - 2, 'asserted and denied are not side by side');
  const wordings = await page.locator('#provisions .wording').allTextContents();
  assert(wordings.length === detail.provisions.length && wordings.length > 0, `${wordings.length} provisions shown`);
  assert(wordings.some((w) => w.includes('if so')), `no conditional wording: ${wordings.join(' | ')}`);
  assert(wordings.every((w) => !/\b(violated|breached)\b/i.test(w)), 'a wording asserts a breach');
  const reasons = await page.locator('#merge-reasons ul.links li').allTextContents();
  assert(reasons.length === detail.links.length && reasons.length > 0, `merge reasons: ${reasons}`);
  for (const e of detail.events) {
    assert(await page.locator(`#incident-events a.history-link[href="#/events/${e.event_id}"]`).count() === 1, `no history link for event ${e.event_id}`);
  }
  assert(await page.locator('#incident-zones td').count() > 0, 'no zone placement shown');
  const verdict = await page.locator('#incident-verdict').textContent();
  assert(verdict.includes(chosen.verdict.kind) && verdict.includes(`computed from the claims: ${chosen.status.replace('_', ' ')}`), verdict);
  await shot(page, '10-incident');
  await page.locator('#incident-claims').screenshot({ path: join(shots, '11-incident-claims.png') });
  await page.locator('#provisions').screenshot({ path: join(shots, '12-incident-provisions.png') });
  // From an event of the incident back to it.
  await page.locator(`#incident-events a.history-link[href="#/events/${detail.events[0].event_id}"]`).click();
  await page.locator(`#event-title[data-event-id="${detail.events[0].event_id}"]`).waitFor();
  await page.locator(`#event-incident a[href="#/incidents/${chosen.incident_id}"]`).waitFor();
});

await check('the HTML bulletin renders its chart and styles under its own policy, with no script', async () => {
  const bpage = await newPage('bulletin');
  await login(bpage, viewer, viewerPw);
  const res = await bpage.goto(`${base}/api/report?from=2020-11-10&to=2023-12-31&format=html`);
  assert(res.status() === 200, `status ${res.status()}`);
  const csp = res.headers()['content-security-policy'];
  assert(csp.includes("script-src 'none'") && csp.includes("style-src 'sha256-"), csp);
  assert(await bpage.locator('svg rect').count() > 0, 'no chart');
  assert(await bpage.locator('script').count() === 0, 'a script element in the bulletin');
  const collapse = await bpage.locator('table').first().evaluate((t) => getComputedStyle(t).borderCollapse);
  assert(collapse === 'collapse', `the bulletin's style block was refused (border-collapse: ${collapse})`);
  assert((await bpage.locator('body').textContent()).includes('if so'), 'no conditional wording');
  await bpage.screenshot({ path: join(shots, '13-bulletin.png') }); // the first screen: the page is long
  await bpage.context().close();
});

await check('the counts page sets each source\u2019s figures side by side', async () => {
  const counts = await getJson(page, '/api/counts?from=2021-01-01&to=2023-12-31');
  await page.goto(`${base}/#/counts?from=2021-01-01&to=2023-12-31`);
  await page.locator('#counts tbody tr').first().waitFor();
  const rows = await page.locator('#counts tbody tr').count();
  assert(rows === counts.claimants.length && rows >= 2, `${rows} rows, ${counts.claimants.length} sources`);
  const first = await page.locator('#counts tbody tr').first().innerText();
  assert(first.includes(counts.claimants[0].claimant), first);
  assert(await page.locator('a[href*="/api/report?from=2021-01-01&to=2023-12-31&format=html"]').count() === 1, 'no bulletin link');
  await shot(page, '14-counts');
});

await check('a review edit persists across reload and appears in the history', async () => {
  await page.goto(`${base}/#/events/${protest.event_id}`);
  await page.locator(`#event-title[data-event-id="${protest.event_id}"]`).waitFor();
  await page.locator('#review-correct').waitFor();
  await page.locator('#fix-type').selectOption('obstruction');
  await page.locator('#fix-places').fill('Shusha, Lachin corridor');
  await page.locator('#fix-note').fill('organisers call it a sit-in; the road is blocked');
  await page.locator('#review-correct').click();
  await page.locator('#history .history-row').first().waitFor();
  await page.reload();
  await page.locator('#history .history-row').first().waitFor();
  const type = await page.locator('#fields tr[data-field="type"] td').nth(1).textContent();
  assert(type === 'obstruction', `type after reload: ${type}`);
  const row = await page.locator('#history .history-row').first().innerText();
  assert(row.includes(analyst) && row.includes('correct') && row.includes('obstruction') && row.includes('sit-in'), `history row: ${row}`);
  const extracted = await page.locator('#fields tr[data-field="type"] td').nth(2).textContent();
  assert(extracted === protest.type, `the extracted type is kept: ${extracted}`);
  await page.locator('#event-title', { hasText: 'corrected' }).waitFor();
  await shot(page, '06-event-reviewed');
});

await check('an analyst gives a verdict and merges two incidents; both persist and show in the history', async () => {
  const all = (await getJson(page, '/api/incidents?limit=500')).items;
  const singles = all.filter((i) => i.event_ids.length === 1 && !i.verdict);
  assert(singles.length >= 2, 'two one-report incidents without a verdict');
  const [a, b] = [singles[0].incident_id, singles[1].incident_id];
  const merged = Math.min(a, b);
  await page.goto(`${base}/#/incidents/${a}`);
  await page.locator(`#incident-title[data-incident-id="${a}"]`).waitFor();
  await page.locator('#incident-history', { hasText: 'No analyst correction' }).waitFor();
  await page.locator('#verdict-status').selectOption('credible');
  await page.locator('#verdict-note').fill('checked against the <b>road</b> log');
  await page.locator('#verdict-submit').click();
  await page.locator('#incident-verdict', { hasText: 'credible' }).waitFor();
  await page.locator('#incident-history .incident-history-entry[data-op="verdict"]').waitFor();
  await page.locator('#correction-status', { hasText: 'Saved' }).waitFor();
  await page.locator('#merge-with').fill(String(b));
  await page.locator('#merge-submit').click();
  await page.locator(`#incident-title[data-incident-id="${merged}"]`).waitFor();
  await page.locator('#incident-history .incident-history-entry[data-op="merge"]').waitFor();
  await page.reload();
  await page.locator(`#incident-title[data-incident-id="${merged}"]`).waitFor();
  await page.locator('#incident-history .incident-history-entry[data-op="merge"]').waitFor();
  for (const e of [a, b]) {
    assert(await page.locator(`#incident-events tr[data-event-id="${e}"]`).count() === 1, `event ${e} is not in the merged incident`);
  }
  const verdict = await page.locator('#incident-verdict').textContent();
  assert(verdict.includes('credible') && verdict.includes(analyst) && verdict.includes('<b>road</b>'), `verdict after reload: ${verdict}`);
  assert(await page.locator('#incident-verdict b').count() === 0, 'the note was parsed as HTML');
  const entries = await page.locator('#incident-history .incident-history-entry').allInnerTexts();
  assert(entries.length === 2 && entries.every((t) => t.includes(analyst)), `history: ${entries.join(' | ')}`);
  assert(entries[1].includes(`merge the incidents of events ${a} and ${b}`) && entries[1].includes('after'), `merge entry: ${entries[1]}`);
  // Split the merge again from the page: back to two incidents, a third history entry.
  await page.locator(`#split-event-${Math.max(a, b)}`).check();
  await page.locator('#split-submit').click();
  await page.locator('#incident-history .incident-history-entry[data-op="split"]').waitFor();
  assert(await page.locator('#incident-events tbody tr').count() === 1, 'the split left both events together');
  await shot(page, '15-incident-corrected');
});

await check('a viewer cannot write', async () => {
  const vpage = await newPage('viewer');
  await login(vpage, viewer, viewerPw);
  await vpage.goto(`${base}/#/events/${protest.event_id}`);
  await vpage.locator(`#event-title[data-event-id="${protest.event_id}"]`).waitFor();
  await vpage.locator('#review-readonly').waitFor();
  assert(await vpage.locator('#review-accept').count() === 0, 'review buttons shown to a viewer');
  const answer = await vpage.evaluate(async (id) => {
    const me = await (await fetch('/api/me')).json();
    const res = await fetch(`/api/events/${id}/review`, { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: JSON.stringify({ action: 'reject' }) });
    return { status: res.status, body: await res.json() };
  }, protest.event_id);
  assert(answer.status === 403 && answer.body.error.code === 'forbidden', `viewer write answered ${JSON.stringify(answer)}`);
  const history = await getJson(vpage, `/api/events/${protest.event_id}/history`);
  assert(history.length === 1, `history has ${history.length} entries`);
  await vpage.goto(`${base}/#/incidents/1`);
  await vpage.locator('#correct-readonly').waitFor();
  assert(await vpage.locator('#verdict-submit, #merge-submit, #split-submit').count() === 0, 'correction forms shown to a viewer');
  await shot(vpage, '07-viewer-event');
  await vpage.context().close();
});

await check('the report with <script> renders as text and runs nothing', async () => {
  const docs = (await getJson(page, '/api/documents?limit=500')).items;
  const doc = docs.find((d) => d.name === '08_lachin-road-protest.txt');
  await page.goto(`${base}/#/documents/${doc.doc_id}`);
  await page.locator(`#document-title[data-doc-id="${doc.doc_id}"]`).waitFor();
  const text = page.locator('#document-text');
  await text.waitFor();
  assert((await text.textContent()).includes('<script>alert(1)</script>'), 'the markup is not shown as text');
  assert(await page.locator('#document-text script').count() === 0, 'a script element was created');
  await text.evaluate((box) => { box.scrollTop = box.scrollHeight; }); // the line with the markup is the last
  await shot(page, '08-document-script');
  await page.goto(`${base}/#/search?q=script+alert`);
  await page.locator('#search-documents p').first().waitFor();
  assert((await page.locator('#search-documents').textContent()).includes('<script>'), 'excerpt not shown as text');
  await shot(page, '09-search');
  await page.waitForTimeout(300);
  assert(!problems.some((p) => p.includes('dialog')), problems.join('\n'));
});

await check('no page errors, console errors or dialogs anywhere', async () => {
  assert(problems.length === 0, problems.join('\n'));
});

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
