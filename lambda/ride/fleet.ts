/** A unicorn of the Wild Rydes fleet. */
export interface Unicorn {
  readonly Name: string;
  readonly Color: string;
  readonly Gender: 'Male' | 'Female';
}

/** The fleet of the original workshop. */
export const FLEET: readonly Unicorn[] = [
  { Name: 'Bucephalus', Color: 'Golden', Gender: 'Male' },
  { Name: 'Shadowfax', Color: 'White', Gender: 'Male' },
  { Name: 'Rocinante', Color: 'Yellow', Gender: 'Female' },
];

/**
 * Picks a unicorn. `random` returns a number in [0, 1) like Math.random; it is
 * a parameter so that tests can choose the unicorn.
 */
export function findUnicorn(random: () => number = Math.random): Unicorn {
  const index = Math.min(FLEET.length - 1, Math.floor(random() * FLEET.length));
  return FLEET[index]!;
}
