/**
 * `npm run lighthouse`: Lighthouse's mobile audit (its default: a mid-range phone on
 * a throttled 4G link, simulated) of the landing and sign-in pages, as `npm start`
 * serves them, with Debian's Chromium. Prints the performance and accessibility
 * scores and the paint and layout-shift figures behind them. A script, not a test:
 * the scores depend on the machine's load.
 *
 * Against a cloud already running (`npm start`): WILD_RYDES_URL=http://127.0.0.1:4000
 * npm run lighthouse. Otherwise it starts its own local cloud on free ports, exactly
 * as `npm start` does, and stops it after. Build the website first (`npm run build:website`).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import lighthouse from 'lighthouse';
import { startLocalCloud } from '../../local/cloud.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const CHROME = process.env.CHROME_PATH ?? process.env.WILD_RYDES_CHROMIUM ?? '/usr/bin/chromium';
/** The launch flags that work on these machines (see the toolchain notes). */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PAGES = ['/', '/signin'];

/** Chromium with a DevTools port of its own choosing (read from its stderr) and a fresh profile. */
async function launchChrome(): Promise<{ port: number; kill: () => void }> {
  const profile = mkdtempSync(join(tmpdir(), 'wild-rydes-lighthouse-profile-'));
  const child: ChildProcess = spawn(CHROME, [...FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise<number>((resolvePort, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Chromium at ${CHROME} did not open a DevTools port in 20 s`)), 20_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text);
      if (match) {
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`Chromium at ${CHROME} exited (${code}) before opening a DevTools port: ${text.slice(-500)}`)));
  });
  return {
    port,
    kill: () => {
      child.kill();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function main() {
  if (!existsSync(resolve(import.meta.dirname, '../../website/dist/index.html'))) {
    throw new Error('The website is not built: run `npm run build:website` first.');
  }
  let base = process.env.WILD_RYDES_URL;
  let stop = async () => {};
  if (!base) {
    const dataDir = mkdtempSync(join(tmpdir(), 'wild-rydes-lighthouse-'));
    const cloud = await startLocalCloud({ authMode: 'cognito', dataDir, ports: { api: 0, cognito: 0, dynamodb: 0, website: 0 } });
    base = cloud.urls.website;
    stop = async () => {
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
  }
  const chrome = await launchChrome();
  try {
    console.log(`Lighthouse ${'(mobile, simulated throttling)'} against ${base}`);
    for (const path of PAGES) {
      // The first run warms the server's compressed-file cache; the second is the one reported.
      let report;
      for (let run = 0; run < 2; run++) {
        const result = await lighthouse(`${base}${path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
        });
        report = result?.lhr;
      }
      if (!report) throw new Error(`Lighthouse returned no report for ${path}`);
      const score = (id: string) => Math.round((report.categories[id]?.score ?? 0) * 100);
      const figure = (id: string) => report.audits[id]?.displayValue ?? '?';
      const failing = Object.values(report.audits)
        .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable')
        .map((a) => a.id);
      console.log(
        `${path.padEnd(8)} performance ${score('performance')}  accessibility ${score('accessibility')}` +
          `  FCP ${figure('first-contentful-paint')}  LCP ${figure('largest-contentful-paint')}  TBT ${figure('total-blocking-time')}  CLS ${figure('cumulative-layout-shift')}` +
          `  transfer ${figure('total-byte-weight')}`,
      );
      if (failing.length) console.log(`         below 90: ${failing.join(', ')}`);
    }
  } finally {
    chrome.kill();
    await stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
