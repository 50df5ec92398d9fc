import type { AuthMode } from '../../../lib/auth-mode.js';
import { fail, pass, type CheckResult } from '../checkpoint.js';
import type { Probe } from '../probe.js';

/** The first check of a module about one auth mode: is the running stack in it? */
export function modeCheck(probe: Probe, wanted: AuthMode): CheckResult {
  const what = `the stack is in ${wanted} mode`;
  if (probe.mode === wanted) return pass(what);
  return fail(what, `it is in ${probe.mode} mode`, `Stop the local cloud (Ctrl-C) and start it with \`npm start -- --auth-mode ${wanted}\`.`);
}
