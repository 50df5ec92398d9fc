import { chmodSync, chownSync, cpSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where and as whom a function's execution environments run.
 *
 * Each environment is its own Node.js process (see instance.ts). When the
 * local cloud runs as root, the functions run as the unprivileged `nobody`
 * account (a real account, so `os.homedir()` works as it does for Lambda's
 * sandbox user), each function with a group of its own that no account
 * uses. As another user a function cannot signal the local cloud (kill()
 * across users is EPERM) nor read its `/proc/<pid>/environ`; with another
 * group it cannot read another function's `/proc/<pid>/environ` either (the
 * kernel's ptrace access check wants uid and gid to match). It can still
 * signal another function's environments (same uid): that one fails and is
 * replaced. Its code is a private copy, readable by its group alone (Lambda's
 * /var/task). Without root there is no other user to switch to: the
 * environments run as the cloud's own user, in their own process group, and
 * the README says what that leaves open.
 */
export interface FunctionSandbox {
  /** The user and group the function's processes run as; undefined: the cloud's own. */
  uid?: number;
  gid?: number;
  /** The folder the function's code is loaded from (LAMBDA_TASK_ROOT, and the working directory). */
  taskRoot: string;
}

export interface SandboxFactory {
  /** Prepares a function's code and user; `index` is the function's number in this cloud. */
  prepare(logicalId: string, assetDir: string, index: number): FunctionSandbox;
  /** Why functions run as the cloud's own user, when they do. */
  readonly sameUserReason: string | undefined;
  close(): void;
}

const RUNTIME_DIR = fileURLToPath(new URL('./runtime/', import.meta.url));
/** The project's node_modules, where the runtime-provided AWS SDK is found (hooks.mjs). */
const PROJECT_MODULES = fileURLToPath(new URL('../../node_modules/@aws-sdk/', import.meta.url));

/** Other users can reach `path` (every folder above it searchable, the path itself readable). */
function readableByOthers(path: string): boolean {
  try {
    let current = realpathSync(path);
    if ((statSync(current).mode & 0o004) === 0) return false;
    while (current !== dirname(current)) {
      current = dirname(current);
      if ((statSync(current).mode & 0o001) === 0) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * A group id per function, from a range no account uses: 2^30 + (this cloud's
 * pid × 64) + the function's number, so two clouds on one machine, or two
 * functions of one cloud, never share one (a cloud with more than 64
 * functions would reuse them).
 */
function functionGid(index: number): number {
  return 0x4000_0000 + (process.pid % 0x40_0000) * 64 + (index % 64);
}

/** The uid of the `nobody` account, from /etc/passwd. */
function nobodyUid(): number | undefined {
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('nobody:'));
    const uid = Number(line?.split(':')[2]);
    return Number.isInteger(uid) && uid > 0 ? uid : undefined;
  } catch {
    return undefined;
  }
}

/** Owner root, group the function's: the function reads its code and cannot change it. */
function handOver(path: string, gid: number) {
  const isDir = statSync(path).isDirectory();
  chownSync(path, 0, gid);
  chmodSync(path, isDir ? 0o750 : 0o640);
  if (isDir) for (const entry of readdirSync(path)) handOver(join(path, entry), gid);
}

export function createSandboxFactory(): SandboxFactory {
  const root = process.getuid?.() === 0;
  const nobody = root ? nobodyUid() : undefined;
  let sameUserReason: string | undefined;
  if (!root) sameUserReason = 'the local cloud does not run as root, so there is no other user to run functions as';
  else if (nobody === undefined) sameUserReason = 'this machine has no `nobody` account';
  else if (!readableByOthers(join(RUNTIME_DIR, 'bootstrap.mjs')) || !readableByOthers(PROJECT_MODULES)) {
    sameUserReason = `the project folder (${RUNTIME_DIR}) or its node_modules cannot be read by other users`;
  }
  let codeRoot: string | undefined;
  return {
    sameUserReason,
    prepare(logicalId, assetDir, index) {
      if (sameUserReason || nobody === undefined) return { taskRoot: assetDir };
      if (!codeRoot) {
        codeRoot = mkdtempSync(join(tmpdir(), 'wr-lambda-code-'));
        // Searchable, not listable: each function finds its own folder only.
        chmodSync(codeRoot, 0o711);
      }
      const gid = functionGid(index);
      const taskRoot = join(codeRoot, logicalId);
      cpSync(assetDir, taskRoot, { recursive: true, dereference: true });
      handOver(taskRoot, gid);
      return { uid: nobody, gid, taskRoot };
    },
    close() {
      if (codeRoot) rmSync(codeRoot, { recursive: true, force: true });
      codeRoot = undefined;
    },
  };
}
