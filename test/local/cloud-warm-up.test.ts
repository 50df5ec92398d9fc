/**
 * When a local cloud starts its functions' execution environments: all of them before
 * it is handed over by default, none until a request needs one with warmFunctions: false
 * (what the local-cloud tests use). Counted as this process's child processes.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCloud, type LocalCloud } from '../../local/cloud.js';
import { PICKUP, synthFor } from './support/cloud.js';

/** This process's live child processes (Linux /proc), by pid: the cloud's function environments. */
function childProcesses(): Set<string> {
  const children = new Set<string>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its ')'.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[1]) === process.pid && fields[0] !== 'Z') children.add(pid);
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}

/** Children started since `before` (an earlier file's environments may still be exiting: they are not counted either way). */
const startedSince = (before: Set<string>) => [...childProcesses()].filter((pid) => !before.has(pid)).length;

let assemblyDir: string;
let cloud: LocalCloud | undefined;
let dataDir: string;
beforeAll(async () => {
  assemblyDir = await synthFor('none');
});
afterEach(async () => {
  await cloud?.close();
  cloud = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(warmFunctions?: boolean): Promise<{ progress: string[] }> {
  const progress: string[] = [];
  dataDir = mkdtempSync(join(tmpdir(), 'wr-warm-'));
  cloud = await startLocalCloud({ authMode: 'none', dataDir, assemblyDir, progress: (line) => progress.push(line), ...(warmFunctions === undefined ? {} : { warmFunctions }) });
  return { progress };
}

describe('function warm-up at start', () => {
  it('by default, every function the API reaches has an environment before the cloud is handed over', async () => {
    const before = childProcesses();
    const { progress } = await start();
    expect(progress.find((line) => line.startsWith('Warming'))).toMatch(/^Warming 4 functions \(/);
    expect(startedSince(before)).toBe(4);
  });

  it('with warmFunctions: false, none until a request needs one, which then starts it', async () => {
    const before = childProcesses();
    const { progress } = await start(false);
    expect(progress.filter((line) => line.startsWith('Warming'))).toEqual([]);
    expect(startedSince(before)).toBe(0);
    const res = await fetch(`${cloud!.urls.api}ride`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(PICKUP) });
    expect(res.status).toBe(201);
    expect(startedSince(before)).toBe(1);
  });
});
