import { join } from 'node:path';
import type { LocalCloud, LocalCloudOptions } from '../cloud.js';
import { buildWebsite, recordWebsiteBuild, websiteInputsHash } from '../website-build.js';
import { reloadCloud } from './restart.js';
import { watchSources, type ChangeBatch } from './source-watcher.js';

export interface WatchLoopOptions {
  projectRoot: string;
  /** How the cloud was started; a restart uses the same, on the same ports. */
  cloudOptions: LocalCloudOptions;
  cloud: LocalCloud;
  /** Called with each new cloud (the access log subscribes again, the stop handler closes it). */
  onCloud: (cloud: LocalCloud) => void;
  /** One line per reload. */
  print: (line: string) => void;
  debounceMs?: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const clock = () => {
  const d = new Date();
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
};
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const named = (files: string[]) => (files.length === 1 ? files[0]! : `${files[0]} and ${files.length - 1} more`);

/**
 * `npm start -- --watch`: a change under lambda/ that changed only functions'
 * code swaps those functions' environments, nothing restarted (restart.ts
 * reloadCloud); any other change under bin/, lib/ or lambda/ (or cdk.json)
 * re-synthesizes the app in a fresh process and restarts the service layer on
 * the same ports and data folder (restart.ts: users, rides and sessions are
 * kept); a change under website/ rebuilds the site (the server reads dist/ on
 * each request). Reloads run one at a time, in order; each is one line.
 */
export function startWatchLoop(options: WatchLoopOptions): { close(): Promise<void> } {
  let cloud = options.cloud;
  let chain: Promise<void> = Promise.resolve();
  const websiteRoot = join(options.projectRoot, 'website');

  async function reload(batch: ChangeBatch): Promise<void> {
    const started = Date.now();
    try {
      if (batch.kind === 'website') {
        const inputs = websiteInputsHash(websiteRoot);
        await buildWebsite(options.projectRoot, () => {});
        recordWebsiteBuild(websiteRoot, inputs);
        options.print(`[${clock()}] ${named(batch.files)} changed: website rebuilt in ${seconds(Date.now() - started)}`);
        return;
      }
      const restarted = await reloadCloud(cloud, options.cloudOptions, batch.files);
      if (restarted.swapped !== undefined) {
        const fns = restarted.swapped.length === 0 ? 'no function changed; nothing swapped' : `rebuilt ${restarted.swapped.join(', ')} and swapped ${restarted.swapped.length === 1 ? 'its' : 'their'} environments`;
        options.print(`[${clock()}] ${named(batch.files)} changed: ${fns} in ${seconds(Date.now() - started)} (nothing restarted)`);
        return;
      }
      cloud = restarted.cloud;
      options.onCloud(cloud);
      const how = restarted.synthesized ? 're-synthesized the app and restarted' : 'the app synthesizes as before; restarted';
      options.print(`[${clock()}] ${named(batch.files)} changed: ${how} the services in ${seconds(Date.now() - started)} (same ports; users, rides and sessions kept)`);
    } catch (err) {
      options.print(`[${clock()}] ${named(batch.files)} changed: reload failed after ${seconds(Date.now() - started)}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  const watcher = watchSources(options.projectRoot, (batch) => (chain = chain.then(() => reload(batch))), options.debounceMs === undefined ? {} : { debounceMs: options.debounceMs });
  return {
    async close() {
      watcher.close();
      await chain;
    },
  };
}
