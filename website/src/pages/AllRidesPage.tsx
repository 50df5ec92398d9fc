/**
 * "All rides", for dispatchers: every rider's rides (GET /dispatch/rides). The link to
 * it shows only for members of the dispatchers group, and the API refuses everyone
 * else anyway: this page then shows the 403 in words.
 */
import { RidesView } from '../rides/RidesView';

export default function AllRidesPage() {
  return <RidesView list="all" heading="All rides" intro="Every rider's rides, newest first: the dispatchers' view." empty="Nobody has ridden yet." />;
}
