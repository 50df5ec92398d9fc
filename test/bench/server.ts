import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type AuthMode } from '../../local/cloud.js';
import { processTreeCpu } from './process-cpu.js';

/**
 * One local cloud in its own process, for the benchmark: the load comes from
 * another process, as it would from real clients, and this process reports
 * its CPU time on request: its own threads and the functions' processes together.
 *
 * Messages in: 'cpu' → { cpu: microseconds }, 'stop' → exits.
 * Message out first: { outputs } once the cloud is ready.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const [mode, assemblyDir] = process.argv.slice(2) as [AuthMode, string];
const dataDir = mkdtempSync(join(tmpdir(), `wr-bench-data-${mode}-`));
const cloud = await startLocalCloud({ authMode: mode, dataDir, assemblyDir, log: () => {} });

process.on('message', async (message) => {
  if (message === 'cpu') process.send!({ cpu: processTreeCpu() });
  if (message === 'stop') {
    await cloud.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
});
process.send!({ outputs: cloud.outputs[cloud.stackName] });
