import { Worker } from 'node:worker_threads';
import type { InvokeOutcome } from './invoke.js';
import type { FunctionDefinition } from './functions.js';
import { LocalCloudError } from '../errors.js';

const BOOTSTRAP = new URL('./runtime/bootstrap.mjs', import.meta.url);
/** Where the runtime-provided AWS SDK is resolved from, as Lambda's Node.js runtime provides it. */
const RUNTIME_MODULES_FROM = new URL('../../package.json', import.meta.url).href;

export class FunctionInitError extends LocalCloudError {
  override name = 'FunctionInitError';
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

type Pending = { resolve: (outcome: InvokeOutcome) => void; timer: NodeJS.Timeout };

/**
 * One execution environment of a function: a worker thread with its own
 * module graph and its own `process.env`, kept warm between invocations and
 * thrown away when it times out or crashes.
 */
export class FunctionInstance {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead = false;
  readonly ready: Promise<void>;

  constructor(
    private readonly def: FunctionDefinition,
    private readonly log: (line: string) => void,
  ) {
    this.worker = new Worker(BOOTSTRAP, {
      workerData: {
        assetDir: def.assetDir,
        handler: def.handler,
        runtimeModulesFrom: RUNTIME_MODULES_FROM,
        functionName: def.name,
        functionArn: def.arn,
        memoryMb: def.memoryMb,
        logGroupName: `/aws/lambda/${def.name}`,
      },
      env: { ...def.environment },
      stdout: true,
      stderr: true,
    });
    for (const stream of [this.worker.stdout, this.worker.stderr]) {
      let buffered = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffered += chunk;
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) this.log(`λ ${def.logicalId} | ${line}`);
      });
    }
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.on('message', (message: { type: string; id?: number; ok?: boolean; json?: string; errorType?: string; errorMessage?: string; stack?: string }) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'init-error') {
          this.log(`λ ${def.logicalId} | init failed: ${message.errorType}: ${message.errorMessage}`);
          reject(new FunctionInitError(message.errorType ?? 'Runtime.InitError', message.errorMessage ?? 'init failed'));
          void this.terminate();
        } else if (message.type === 'result') {
          const entry = this.pending.get(message.id!);
          if (!entry) return;
          this.pending.delete(message.id!);
          clearTimeout(entry.timer);
          if (message.ok) {
            entry.resolve({ kind: 'ok', payload: JSON.parse(message.json ?? 'null') });
          } else {
            this.log(`λ ${def.logicalId} | ${message.stack ?? `${message.errorType}: ${message.errorMessage}`}`);
            entry.resolve({ kind: 'error', errorType: message.errorType ?? 'Error', errorMessage: message.errorMessage ?? '' });
          }
        }
      });
      this.worker.on('error', (err) => {
        // An uncaught exception or rejection ends the environment, as it does in Lambda.
        this.log(`λ ${def.logicalId} | the runtime exited: ${err.stack ?? err.message}`);
        reject(new FunctionInitError('Runtime.ExitError', err.message));
        this.failAll('Runtime.ExitError', `RequestId: exited before completing request: ${err.message}`);
      });
      this.worker.on('exit', () => {
        this.dead = true;
        reject(new FunctionInitError('Runtime.ExitError', 'the runtime exited during init'));
        this.failAll('Runtime.ExitError', 'the runtime exited before completing the request');
      });
    });
    // Nobody may be waiting on `ready` yet; a failure is reported through invoke.
    this.ready.catch(() => {});
  }

  get alive(): boolean {
    return !this.dead;
  }

  private failAll(errorType: string, errorMessage: string) {
    this.dead = true;
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.resolve({ kind: 'error', errorType, errorMessage });
      this.pending.delete(id);
    }
  }

  /** Runs one invocation under the function's own timeout; past it the environment is destroyed. */
  invoke(event: unknown, requestId: string): Promise<InvokeOutcome> {
    if (this.dead) return Promise.resolve({ kind: 'error', errorType: 'Runtime.ExitError', errorMessage: 'the execution environment is gone' });
    const id = this.nextId++;
    const deadline = Date.now() + this.def.timeoutMs;
    return new Promise<InvokeOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        const seconds = (this.def.timeoutMs / 1000).toFixed(2);
        this.log(`λ ${this.def.logicalId} | ${requestId} Task timed out after ${seconds} seconds`);
        resolve({ kind: 'error', errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${seconds} seconds` });
        void this.terminate();
      }, this.def.timeoutMs);
      this.pending.set(id, { resolve, timer });
      this.worker.postMessage({ id, event, requestId, deadline });
    });
  }

  async terminate(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }
}
