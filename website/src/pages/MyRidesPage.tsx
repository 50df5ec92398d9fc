/** "My rides": the signed-in rider's past rides (GET /rides), newest first. */
import { RidesView } from '../rides/RidesView';

export default function MyRidesPage() {
  return <RidesView list="mine" heading="My rides" intro="Every unicorn you have summoned, newest first. Only you can see these." empty="You have no rides yet. Request a unicorn first." />;
}
