/// <reference types="vite/client" />

/** Natural Earth 1:110m as TopoJSON (map/basemap.ts reads it as a Topology). */
declare module 'world-atlas/countries-110m.json' {
  const topology: unknown;
  export default topology;
}
