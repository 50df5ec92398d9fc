/**
 * The Leaflet map. React owns the page; Leaflet owns this div. Props flow in through
 * effects (pin, trip, tiles) and clicks flow out through `onPick`.
 *
 * Offline-friendly: the container has its own background, so when tiles cannot load
 * (or `tileUrl` is empty) the map is still a usable surface with the pin, the unicorn
 * and clicks working; a note says the tiles are missing.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { LatLng } from '../ride/types';
import { DEFAULT_TILE_URL } from '../config/config';
import { addBasemap } from './basemap';
import { pickupIcon, unicornIcon } from './icons';
import { positionAt, type Trip } from './travel';

export interface MapHandle {
  /** The centre of the visible map: where the keyboard "set pickup here" puts the pin. */
  getCenter(): LatLng;
}

interface MapViewProps {
  tileUrl: string;
  initialCenter: LatLng;
  pin: LatLng | null;
  /** The unicorn on its way, or parked at the pin once arrived (trip with its end reached). */
  trip: Trip | null;
  unicornName: string | undefined;
  onPick: (pin: LatLng) => void;
  ref?: Ref<MapHandle>;
}

const INITIAL_ZOOM = 14;

export function MapView({ tileUrl, initialCenter, pin, trip, unicornName, onPick, ref }: MapViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const pinRef = useRef<L.Marker | null>(null);
  const unicornRef = useRef<L.Marker | null>(null);
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  const [tilesFailed, setTilesFailed] = useState(false);

  useImperativeHandle(ref, () => ({
    getCenter() {
      const c = mapRef.current?.getCenter();
      return c ? { lat: c.lat, lng: c.lng } : initialCenter;
    },
  }));

  // Create the map once.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = L.map(container, { center: [initialCenter.lat, initialCenter.lng], zoom: INITIAL_ZOOM, keyboard: true });
    mapRef.current = map;
    map.on('click', (e: L.LeafletMouseEvent) => onPickRef.current({ lat: e.latlng.lat, lng: e.latlng.lng }));
    // Enter on the focused map drops the pin at its centre (arrow keys pan, +/- zoom: Leaflet's own keys).
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && e.target === container) {
        const c = map.getCenter();
        onPickRef.current({ lat: c.lat, lng: c.lng });
      }
    };
    container.addEventListener('keydown', onKey);
    // The container may have been sized by CSS after Leaflet measured it.
    const resize = new ResizeObserver(() => map.invalidateSize());
    resize.observe(container);
    return () => {
      resize.disconnect();
      container.removeEventListener('keydown', onKey);
      // Leaflet ends a zoom animation (the unicorn's fitBounds) from a 250 ms timer that does not check
      // whether the map was removed meanwhile: signing out mid-zoom threw "reading '_leaflet_pos'".
      // The timer returns early when no zoom is animating, so say none is before removing the map.
      (map as unknown as { _animatingZoom?: boolean })._animatingZoom = false;
      map.stop();
      map.remove();
      mapRef.current = null;
      pinRef.current = null;
      unicornRef.current = null;
    };
    // initialCenter only matters at creation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The offline basemap (coastlines, borders), under the tiles; fetched after the map is up.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const abort = new AbortController();
    let layer: L.Layer | null = null;
    addBasemap(map, abort.signal).then(
      (added) => {
        layer = added;
      },
      () => undefined, // No basemap (offline before it was cached, or aborted): the plain background stays.
    );
    return () => {
      abort.abort();
      layer?.remove();
    };
  }, []);

  // Tiles: a layer when a URL is configured; failures only flip a note, never break the map.
  useEffect(() => {
    const map = mapRef.current;
    setTilesFailed(false);
    if (!map || tileUrl === '') return;
    const layer = L.tileLayer(tileUrl, {
      maxZoom: 19,
      attribution: tileUrl === DEFAULT_TILE_URL ? '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors' : '',
    });
    layer.on('tileerror', () => setTilesFailed(true));
    layer.addTo(map);
    return () => {
      layer.remove();
    };
  }, [tileUrl]);

  // The pickup pin.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!pin) {
      pinRef.current?.remove();
      pinRef.current = null;
      return;
    }
    if (!pinRef.current) {
      pinRef.current = L.marker([pin.lat, pin.lng], { icon: pickupIcon, keyboard: false, title: 'Pickup location', alt: 'Pickup location' }).addTo(map);
    } else {
      pinRef.current.setLatLng([pin.lat, pin.lng]);
    }
  }, [pin]);

  // The unicorn, animated along its trip; parked at the end once the trip is over.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !trip) {
      unicornRef.current?.remove();
      unicornRef.current = null;
      return;
    }
    const start = positionAt(trip, Date.now());
    const marker = L.marker([start.lat, start.lng], { icon: unicornIcon(unicornName ?? 'Your unicorn'), keyboard: false, interactive: false }).addTo(map);
    unicornRef.current = marker;
    // Keep both unicorn and pin in view.
    map.fitBounds(L.latLngBounds([trip.from.lat, trip.from.lng], [trip.to.lat, trip.to.lng]).pad(0.4), { maxZoom: 16 });
    let frame = 0;
    const step = () => {
      const p = positionAt(trip, Date.now());
      marker.setLatLng([p.lat, p.lng]);
      if (Date.now() < trip.startedAt + trip.durationMs) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => {
      cancelAnimationFrame(frame);
      marker.remove();
      if (unicornRef.current === marker) unicornRef.current = null;
    };
  }, [trip, unicornName]);

  return (
    <div className="map-frame">
      <div
        ref={containerRef}
        className="map"
        data-testid="map"
        aria-label="Map. Click, or press Enter, to set the pickup location at the centre. Arrow keys move the map; plus and minus zoom."
        role="application"
      />
      {(tileUrl === '' || tilesFailed) && (
        <p className="map-note" data-testid="tiles-note">
          {tileUrl === '' ? 'Map tiles are turned off.' : 'Map tiles could not load (offline?).'} The pin and the unicorn still work.
        </p>
      )}
    </div>
  );
}
