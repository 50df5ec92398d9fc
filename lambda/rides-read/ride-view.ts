import type { Unicorn } from '../ride/fleet.js';
import type { PickupLocation } from '../ride/pickup-location.js';

/** One ride as GET /rides, GET /rides/{rideId} and GET /dispatch/rides answer it. */
export interface RideView {
  RideId: string;
  Unicorn: Unicorn;
  UnicornName: string;
  /** ISO 8601, when the ride was booked. */
  RequestTime: string;
  PickupLocation: PickupLocation;
  /** The rider's user-pool sub (`anonymous` for rides booked in none mode). */
  Rider: string;
}

/** A page of rides: `NextToken` only when there is a next page. */
export interface RidePage {
  Rides: RideView[];
  NextToken?: string;
}

/**
 * A stored item as the API shows it: only the ride's own fields (never the
 * index keys), `User` renamed `Rider` as POST /ride names it.
 */
export function toRideView(item: Record<string, unknown>): RideView {
  return {
    RideId: String(item.RideId),
    Unicorn: item.Unicorn as Unicorn,
    UnicornName: String(item.UnicornName),
    RequestTime: String(item.RequestTime),
    PickupLocation: item.PickupLocation as PickupLocation,
    Rider: String(item.User),
  };
}
