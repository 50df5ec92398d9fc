import { synthesizeCached, type CachedSynthesizeOptions } from '../synth-cache.js';

/**
 * One synthesis in a fresh process, for `--watch`: Node keeps the modules a
 * process imported, so a second in-process synthesis after a change under lib/
 * would run the old constructs. Prints `{"assemblyDir":…,"fromCache":…}` as its
 * last line; a failure is its stderr and exit code 1.
 */
const options = JSON.parse(process.argv[2] ?? '{}') as CachedSynthesizeOptions;
try {
  const result = await synthesizeCached(options);
  process.stdout.write(`\n${JSON.stringify({ assemblyDir: result.assemblyDir, fromCache: result.fromCache })}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
