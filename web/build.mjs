// Builds the UI into dist/ (embedded by truce-server at cargo build time):
// copies the app's sources and the vendored libraries from node_modules, and
// turns world-atlas's Natural Earth countries (TopoJSON) into a GeoJSON base
// map clipped to the South Caucasus, so the map needs no tiles and no network.
// No bundler: the app is plain ES modules.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const topojson = require('topojson-client');
const dist = join(here, 'dist');
const started = Date.now();

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'vendor', 'images'), { recursive: true });

for (const f of readdirSync(join(here, 'src'))) cpSync(join(here, 'src', f), join(dist, f));
const nm = (p) => join(here, 'node_modules', p);
cpSync(nm('leaflet/dist/leaflet.js'), join(dist, 'vendor/leaflet.js'));
cpSync(nm('leaflet/dist/leaflet.css'), join(dist, 'vendor/leaflet.css'));
cpSync(nm('leaflet/dist/images'), join(dist, 'vendor/images'), { recursive: true });
cpSync(nm('uplot/dist/uPlot.iife.min.js'), join(dist, 'vendor/uPlot.iife.min.js'));
cpSync(nm('uplot/dist/uPlot.min.css'), join(dist, 'vendor/uPlot.min.css'));

// The base map: every country touching the box, each ring clipped to it.
const BOX = [38.5, 36.0, 52.5, 44.5]; // min lon, min lat, max lon, max lat
const topo = JSON.parse(readFileSync(nm('world-atlas/countries-10m.json'), 'utf8'));
const countries = topojson.feature(topo, topo.objects.countries);

function clipRing(ring) {
  // Sutherland–Hodgman against the four sides of BOX.
  const sides = [
    [(p) => p[0] >= BOX[0], (a, b) => cut(a, b, 0, BOX[0])],
    [(p) => p[0] <= BOX[2], (a, b) => cut(a, b, 0, BOX[2])],
    [(p) => p[1] >= BOX[1], (a, b) => cut(a, b, 1, BOX[1])],
    [(p) => p[1] <= BOX[3], (a, b) => cut(a, b, 1, BOX[3])],
  ];
  let out = ring;
  for (const [inside, at] of sides) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i];
      const prev = input[(i + input.length - 1) % input.length];
      if (inside(cur)) {
        if (!inside(prev)) out.push(at(prev, cur));
        out.push(cur);
      } else if (inside(prev)) {
        out.push(at(prev, cur));
      }
    }
    if (out.length === 0) return null;
  }
  out = out.map((p) => [Math.round(p[0] * 1e4) / 1e4, Math.round(p[1] * 1e4) / 1e4]);
  out.push(out[0]);
  return out.length >= 4 ? out : null;
}
function cut(a, b, axis, value) {
  const t = (value - a[axis]) / (b[axis] - a[axis]);
  const p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  p[axis] = value;
  return p;
}

const features = [];
for (const f of countries.features) {
  if (!f.geometry) continue;
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const kept = [];
  for (const poly of polys) {
    const outer = clipRing(poly[0].slice(0, -1));
    if (!outer) continue;
    const holes = poly.slice(1).map((r) => clipRing(r.slice(0, -1))).filter(Boolean);
    kept.push([outer, ...holes]);
  }
  if (kept.length) {
    features.push({ type: 'Feature', properties: { name: f.properties.name, id: f.id },
      geometry: { type: 'MultiPolygon', coordinates: kept } });
  }
}
writeFileSync(join(dist, 'basemap.json'), JSON.stringify({ type: 'FeatureCollection',
  source: 'Natural Earth 1:10m admin-0 countries (public domain), via world-atlas 2.0.2', features }));

writeFileSync(join(dist, 'LICENSES.txt'), [
  'Leaflet 1.9.4: BSD-2-Clause, (c) Volodymyr Agafonkin, CloudMade',
  'uPlot 1.6.32: MIT, (c) Leon Sorokin',
  'world-atlas 2.0.2 / topojson-client 3.1.0: ISC, (c) Mike Bostock; data: Natural Earth, public domain',
  'Gazetteer coordinates: GeoNames, CC BY 4.0',
  '',
].join('\n'));
console.log(`web/dist: ${features.length} base-map countries; built in ${Date.now() - started} ms`);
