/**
 * Marker icons with URLs the bundler knows about. Leaflet's default icon finds its
 * images by reading a CSS path at run time, which breaks once Vite renames and
 * fingerprints the files; importing them hands Leaflet the real URLs.
 */
import L from 'leaflet';
import markerIcon2xUrl from 'leaflet/dist/images/marker-icon-2x.png';
import markerIconUrl from 'leaflet/dist/images/marker-icon.png';
import markerShadowUrl from 'leaflet/dist/images/marker-shadow.png';
import unicornUrl from './unicorn.svg';

export const pickupIcon = L.icon({
  iconUrl: markerIconUrl,
  iconRetinaUrl: markerIcon2xUrl,
  shadowUrl: markerShadowUrl,
  iconSize: [25, 41],
  iconAnchor: [12, 41],
  popupAnchor: [1, -34],
  tooltipAnchor: [16, -28],
  shadowSize: [41, 41],
});

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The unicorn: an image plus its name, so the map says who is coming without a tooltip. */
export function unicornIcon(name: string): L.DivIcon {
  return L.divIcon({
    className: 'unicorn-marker',
    html: `<img src="${unicornUrl}" alt="" width="44" height="44"><span class="unicorn-marker__name">${escapeHtml(name)}</span>`,
    iconSize: [44, 44],
    // Stand just beside the point, so on arrival the pickup pin stays visible.
    iconAnchor: [-6, 30],
  });
}
