import { join } from 'node:path';

/**
 * Where test files share synthesized assemblies (local/synth-cache.ts): one per
 * distinct input, made once for all files and runs, inside node_modules so that
 * `npm ci` starts it afresh.
 */
export const SHARED_SYNTH_CACHE = join(import.meta.dirname, '../../node_modules/.cache/wild-rydes-synth');
