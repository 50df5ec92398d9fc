import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { InvokeOutcome } from './invoke.js';
import type { FunctionDefinition } from './functions.js';
import { LocalCloudError } from '../errors.js';
import { MAX_RESPONSE_BYTES, RESPONSE_TOO_LARGE, exitErrorMessage, nodeMemoryArgs } from './limits.js';
import type { FunctionSandbox } from './sandbox.js';

const BOOTSTRAP = fileURLToPath(new URL('./runtime/bootstrap.mjs', import.meta.url));
/** Where the runtime-provided AWS SDK is resolved from, as Lambda's Node.js runtime provides it. */
const RUNTIME_MODULES_FROM = new URL('../../package.json', import.meta.url).href;
/** How often a busy environment's resident memory is looked at from outside; its peak also comes with each answer. */
const MEMORY_WATCH_MS = 50;
/** The longest log line kept, in characters (CloudWatch Logs' event limit is 256 KB). */
const MAX_LOG_LINE = 256 * 1024;

export class FunctionInitError extends LocalCloudError {
  override name = 'FunctionInitError';
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

type Pending = { resolve: (outcome: InvokeOutcome) => void; timer: NodeJS.Timeout; requestId: string };
type ErrorJson = { errorType?: unknown; errorMessage?: unknown; stack?: unknown };

function parseError(json: string): { errorType: string; errorMessage: string; stack?: string } {
  try {
    const e = JSON.parse(json) as ErrorJson;
    return {
      errorType: typeof e.errorType === 'string' ? e.errorType : 'Error',
      errorMessage: typeof e.errorMessage === 'string' ? e.errorMessage : '',
      ...(typeof e.stack === 'string' ? { stack: e.stack } : {}),
    };
  } catch {
    return { errorType: 'Runtime.InvalidResponse', errorMessage: 'the runtime sent an unreadable error' };
  }
}

/** The kernel's page size, the unit of /proc/<pid>/statm. */
const PAGE_BYTES = (() => {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
  } catch {
    return 4096;
  }
})();

/** Resident memory of a process, in bytes: the second field of /proc/<pid>/statm, in pages (Linux). */
function residentBytes(pid: number): number | undefined {
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, 'latin1');
    return Number(statm.split(' ')[1]) * PAGE_BYTES;
  } catch {
    return undefined;
  }
}

/**
 * One execution environment of a function: a Node.js process of its own with
 * only the function's environment variables, a heap sized from MemorySize and
 * its resident memory held to MemorySize, kept warm between invocations and
 * killed when it times out, runs out of memory or crashes.
 */
export class FunctionInstance {
  private readonly child: ChildProcess;
  private readonly channel: Socket;
  private readonly pending = new Map<number, Pending>();
  private readonly memoryLimit: number;
  private memoryWatch: NodeJS.Timeout | undefined;
  private nextId = 1;
  private dead = false;
  /** Why this environment was killed by the cloud, when it was: Lambda reports it so. */
  private killedFor: 'memory' | 'timeout' | 'stopped' | undefined;
  private fatalError: { errorType: string; errorMessage: string } | undefined;
  readonly ready: Promise<void>;

  constructor(
    private readonly def: FunctionDefinition,
    sandbox: FunctionSandbox,
    private readonly log: (line: string) => void,
  ) {
    this.memoryLimit = def.memoryMb * 1024 * 1024;
    const config = {
      assetDir: sandbox.taskRoot,
      handler: def.handler,
      runtimeModulesFrom: RUNTIME_MODULES_FROM,
      functionName: def.name,
      functionArn: def.arn,
      memoryMb: def.memoryMb,
      logGroupName: `/aws/lambda/${def.name}`,
      cognitoEndpoint: def.cognitoEndpoint ?? null,
    };
    this.child = spawn(process.execPath, [...nodeMemoryArgs(def.memoryMb), BOOTSTRAP, JSON.stringify(config)], {
      // Only what the function should see: no NODE_OPTIONS, no PATH, nothing of this machine.
      env: { ...def.environment },
      cwd: sandbox.taskRoot,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      // Its own session and process group: kill(0, …) from the function reaches only itself.
      detached: true,
      ...(sandbox.uid !== undefined ? { uid: sandbox.uid, gid: sandbox.gid! } : {}),
    });
    this.channel = this.child.stdio[3] as Socket;
    for (const stream of [this.child.stdout!, this.child.stderr!]) {
      let buffered = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        // CloudWatch Logs cuts an event at 256 KB; a line without end is not buffered past that either.
        if (buffered.length > MAX_LOG_LINE) {
          lines.push(buffered);
          buffered = '';
        }
        for (const line of lines) this.log(`λ ${def.logicalId} | ${line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE)}…` : line}`);
      });
    }
    this.ready = new Promise<void>((resolve, reject) => {
      this.watchMemory();
      this.readLines((kind, rest, bytes) => {
        if (kind === 'ready') {
          clearInterval(this.memoryWatch);
          resolve();
        } else if (kind === 'init-error') {
          const e = parseError(rest);
          this.log(`λ ${def.logicalId} | init failed: ${e.errorType}: ${e.errorMessage}`);
          reject(new FunctionInitError(e.errorType, e.errorMessage));
          void this.terminate();
        } else if (kind === 'fatal') {
          const e = parseError(rest);
          this.log(`λ ${def.logicalId} | the runtime exited: ${e.stack ?? `${e.errorType}: ${e.errorMessage}`}`);
          this.fatalError = { errorType: e.errorType, errorMessage: e.errorMessage };
        } else this.settle(kind, rest, bytes);
      });
      this.child.on('error', (err) => {
        this.log(`λ ${def.logicalId} | the runtime could not start: ${err.message}`);
        reject(new FunctionInitError('Runtime.ExitError', err.message));
        this.failAll('Runtime.ExitError', err.message);
      });
      this.child.on('exit', (code, signal) => {
        this.dead = true;
        clearInterval(this.memoryWatch);
        // What the runtime said last (a `fatal` line) may still be on its way: read it before reporting the end.
        let reported = false;
        const report = () => {
          if (reported) return;
          reported = true;
          clearTimeout(grace);
          this.reportExit(code, signal, reject);
        };
        const grace = setTimeout(report, 200);
        if (this.channel.closed) report();
        else this.channel.once('close', report);
      });
    });
    // Nobody may be waiting on `ready` yet; a failure is reported through invoke.
    this.ready.catch(() => {});
  }

  /** Lambda's report of an environment that ended: Runtime.OutOfMemory when it outgrew MemorySize, else the runtime's own error or Runtime.ExitError. */
  private reportExit(code: number | null, signal: NodeJS.Signals | null, reject: (err: Error) => void) {
    const message = exitErrorMessage(code, signal);
    const errorType = this.killedFor === 'memory' ? 'Runtime.OutOfMemory' : (this.fatalError?.errorType ?? 'Runtime.ExitError');
    if (this.killedFor === undefined || this.killedFor === 'memory') this.log(`λ ${this.def.logicalId} | ${errorType}: ${message}`);
    reject(new FunctionInitError(errorType, message));
    this.failAll(errorType, message);
  }

  get alive(): boolean {
    return !this.dead;
  }

  /**
   * Splits what the runtime sends into lines, counting bytes. A line longer
   * than any answer Lambda accepts is not kept: its bytes are dropped as they
   * come and the invocation fails as too large, so a function cannot make
   * the cloud buffer without bound.
   */
  private readLines(onLine: (kind: string, rest: string, payloadBytes: number) => void) {
    let chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    const cap = MAX_RESPONSE_BYTES + 64;
    this.channel.on('data', (data: Buffer) => {
      let from = 0;
      for (let nl = data.indexOf(10, from); nl !== -1; nl = data.indexOf(10, from)) {
        const piece = data.subarray(from, nl);
        from = nl + 1;
        if (overflow || size + piece.length > cap) {
          chunks = [];
          size = 0;
          overflow = false;
          this.settleTooLarge();
          continue;
        }
        const line = chunks.length === 0 ? piece : Buffer.concat([...chunks, piece]);
        chunks = [];
        size = 0;
        const text = line.toString('utf8');
        const space = text.indexOf(' ');
        const kind = space === -1 ? text : text.slice(0, space);
        const rest = space === -1 ? '' : text.slice(space + 1);
        onLine(kind, rest, line.length);
      }
      const tail = data.subarray(from);
      if (tail.length === 0) return;
      if (overflow || size + tail.length > cap) {
        overflow = true;
        chunks = [];
        size = 0;
      } else {
        chunks.push(tail);
        size += tail.length;
      }
    });
    this.channel.on('error', () => {});
  }

  private take(id: number): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (this.pending.size === 0) clearInterval(this.memoryWatch);
    return entry;
  }

  /** Lambda refuses a result over 6 MB: the invocation is a function error (Function.ResponseSizeTooLarge). */
  private settleTooLarge() {
    const [id] = this.pending.keys();
    if (id === undefined) return;
    const entry = this.take(id)!;
    this.log(`λ ${this.def.logicalId} | ${entry.requestId} ${RESPONSE_TOO_LARGE.errorType}: ${RESPONSE_TOO_LARGE.errorMessage}`);
    entry.resolve({ kind: 'error', ...RESPONSE_TOO_LARGE });
  }

  /** `ok|error <id> <peak resident KB> <JSON>`. */
  private settle(kind: string, rest: string, lineBytes: number) {
    const space = rest.indexOf(' ');
    const space2 = rest.indexOf(' ', space + 1);
    const id = Number(rest.slice(0, space));
    const peakKb = Number(rest.slice(space + 1, space2));
    const body = rest.slice(space2 + 1);
    if ((kind !== 'ok' && kind !== 'error') || space2 === -1 || !this.pending.has(id)) return;
    // Lambda counts the whole sandbox against MemorySize: a peak over it ended the environment there. The
    // peak is the environment's own getrusage() (a /proc read per answer cost ~10% of a request's CPU); a
    // function that lies about it is still caught by the sampling from outside while it holds the memory.
    if (peakKb * 1024 > this.memoryLimit) {
      this.killForMemory();
      return;
    }
    const entry = this.take(id)!;
    if (kind === 'error') {
      const e = parseError(body);
      this.log(`λ ${this.def.logicalId} | ${e.stack ?? `${e.errorType}: ${e.errorMessage}`}`);
      entry.resolve({ kind: 'error', errorType: e.errorType, errorMessage: e.errorMessage });
      return;
    }
    const payloadBytes = lineBytes - (kind.length + 1 + (space2 + 1));
    if (payloadBytes > MAX_RESPONSE_BYTES) {
      this.log(`λ ${this.def.logicalId} | ${entry.requestId} ${RESPONSE_TOO_LARGE.errorType}: ${RESPONSE_TOO_LARGE.errorMessage}`);
      entry.resolve({ kind: 'error', ...RESPONSE_TOO_LARGE });
      return;
    }
    try {
      entry.resolve({ kind: 'ok', payload: JSON.parse(body) });
    } catch {
      entry.resolve({ kind: 'error', errorType: 'Runtime.InvalidResponse', errorMessage: 'the runtime sent a result that is not JSON' });
    }
  }

  /** While the environment works (init, or an invocation), its resident memory is looked at every MEMORY_WATCH_MS. */
  private watchMemory() {
    clearInterval(this.memoryWatch);
    this.memoryWatch = setInterval(() => {
      const rss = this.child.pid ? residentBytes(this.child.pid) : undefined;
      if (rss !== undefined && rss > this.memoryLimit) this.killForMemory();
    }, MEMORY_WATCH_MS);
  }

  private killForMemory() {
    if (this.dead) return;
    this.killedFor = 'memory';
    this.child.kill('SIGKILL');
  }

  private failAll(errorType: string, errorMessage: string) {
    this.dead = true;
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.resolve({ kind: 'error', errorType, errorMessage: `RequestId: ${entry.requestId} Error: ${errorMessage}` });
      this.pending.delete(id);
    }
  }

  /** Runs one invocation under the function's own timeout; past it the environment is destroyed. */
  invoke(eventJson: string, requestId: string): Promise<InvokeOutcome> {
    if (this.dead) return Promise.resolve({ kind: 'error', errorType: 'Runtime.ExitError', errorMessage: 'the execution environment is gone' });
    const id = this.nextId++;
    const deadline = Date.now() + this.def.timeoutMs;
    return new Promise<InvokeOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        const seconds = (this.def.timeoutMs / 1000).toFixed(2);
        this.log(`λ ${this.def.logicalId} | ${requestId} Task timed out after ${seconds} seconds`);
        resolve({ kind: 'error', errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${seconds} seconds` });
        this.killedFor = 'timeout';
        void this.terminate();
      }, this.def.timeoutMs);
      this.pending.set(id, { resolve, timer, requestId });
      this.watchMemory();
      this.channel.write(`${id} ${deadline} ${requestId} ${eventJson}\n`);
    });
  }

  async terminate(): Promise<void> {
    this.dead = true;
    this.killedFor ??= 'stopped';
    clearInterval(this.memoryWatch);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    await exited;
  }
}
