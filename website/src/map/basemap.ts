/**
 * A small vector basemap for when tiles cannot load: land and coastlines, and country
 * borders, from Natural Earth at 1:110m (the `world-atlas` TopoJSON, about 105 kB,
 * 30 kB compressed). Imported as a chunk of its own after the map is up, so it costs
 * neither the first page nor the map's first paint; drawn in a pane under the tiles,
 * so online the tiles cover it and offline a rider still sees where on Earth they are.
 * City-scale detail comes only from tiles.
 */
import L from 'leaflet';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** Under Leaflet's tile pane (z-index 200), above the container's sea colour. */
const PANE = 'basemap';

type Atlas = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

export async function addBasemap(map: L.Map, signal: AbortSignal): Promise<L.Layer | null> {
  // A dynamic import: the bundler makes the TopoJSON a hashed chunk (cached for good,
  // compressed by the server) that only the map asks for.
  const atlas = (await import('world-atlas/countries-110m.json')).default as unknown as Atlas;
  if (signal.aborted) return null;
  if (!map.getPane(PANE)) {
    const pane = map.createPane(PANE);
    pane.style.zIndex = '150';
    // Decoration only: a reader gets nothing from these shapes, and they take no clicks.
    pane.setAttribute('aria-hidden', 'true');
    pane.style.pointerEvents = 'none';
  }
  const land = L.geoJSON(feature(atlas, atlas.objects.land), {
    pane: PANE,
    interactive: false,
    style: { color: '#5b7f63', weight: 1.2, fillColor: '#e9f2e4', fillOpacity: 1 },
  });
  const borders = L.geoJSON(
    mesh(atlas, atlas.objects.countries, (a, b) => a !== b),
    { pane: PANE, interactive: false, style: { color: '#8a7da0', weight: 0.8, dashArray: '3 3', fill: false } },
  );
  return L.layerGroup([land, borders]).addTo(map);
}
