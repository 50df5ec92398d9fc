/** A point on the map, in degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** A ride as the API confirmed it (POST /ride → 201). */
export interface Ride {
  rideId: string;
  unicorn: { name: string; color: string; gender?: string };
  /** The ETA in seconds; the original workshop only sent "30 seconds" and parsed it wrongly. */
  etaSeconds: number;
  /** The ETA as the API phrased it, e.g. "30 seconds". */
  etaText: string;
  rider?: string;
}

/** A failed ride request, as the rider should see it. */
export interface RideError {
  /** HTTP status, or undefined when no response arrived (network, CORS, no session). */
  status?: number;
  message: string;
  /** True when the fix is to sign in again rather than to retry. */
  signInAgain?: boolean;
}
