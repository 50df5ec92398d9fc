import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkpointMain } from '../../../../tools/checkpoint/main.js';
import { postmanMain } from '../../../../tools/postman/main.js';
import { riderMain } from '../../../../tools/rider/main.js';
import type { ToolIo } from '../../../../tools/shared/command.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function capture(run: (io: ToolIo) => Promise<number>): Promise<ToolRun> {
  let stdout = '';
  let stderr = '';
  const code = await run({ out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

/** The rider CLI in this process (fast): the same code path as the binary, with its output captured. */
export const rider = (...argv: string[]) => capture((io) => riderMain(argv, io));
export const checkpoint = (...argv: string[]) => capture((io) => checkpointMain(argv, io));
export const postman = (...argv: string[]) => capture((io) => postmanMain(argv, io));

/** The real binary as an attendee runs it (`npx tsx tools/<tool>/cli.ts …`), as a child process. */
export function binary(tool: 'rider' | 'checkpoint' | 'postman', argv: string[], env: Record<string, string> = {}): Promise<ToolRun> {
  return new Promise((done) => {
    execFile(
      join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
      [join(PROJECT_ROOT, `tools/${tool}/cli.ts`), ...argv],
      { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
