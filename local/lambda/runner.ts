import type { FunctionInvoker, InvokeOutcome } from './invoke.js';
import type { LocalStack } from '../template/index.js';
import { readFunction, type FunctionDefinition, type LocalEnvironment } from './functions.js';
import { FunctionInitError, FunctionInstance } from './instance.js';
import { MAX_REQUEST_BYTES, REQUEST_TOO_LARGE } from './limits.js';
import { createSandboxFactory, type FunctionSandbox } from './sandbox.js';

export type { LocalEnvironment } from './functions.js';

export interface LambdaRunnerOptions {
  stack: LocalStack;
  /** Added to a function's environment: the local endpoints and its credentials; a function of the logical id gives each function its own (its role's session). */
  localEnvironment: LocalEnvironment;
  log?: (line: string) => void;
  /** Execution environments per function, at most (Lambda would scale out; two cores do not). */
  maxInstancesPerFunction?: number;
  /** The local Cognito, where a function's requests for a user pool's JWKS are sent (runtime/jwks-redirect.mjs). */
  cognitoEndpoint?: string;
}

/** The execution environments of one function: reused while warm, one invocation each at a time. */
class FunctionPool {
  private readonly idle: FunctionInstance[] = [];
  private readonly all = new Set<FunctionInstance>();
  private readonly waiting: ((instance: FunctionInstance | Error) => void)[] = [];
  /** Replaced by a pool of new code (`--watch`): its environments end once their invocations finish. */
  private retired = false;

  constructor(
    readonly def: FunctionDefinition,
    private readonly sandbox: FunctionSandbox,
    private readonly max: number,
    private readonly log: (line: string) => void,
  ) {}

  private spawn(): FunctionInstance {
    const instance = new FunctionInstance(this.def, this.sandbox, this.log);
    this.all.add(instance);
    return instance;
  }

  async acquire(): Promise<FunctionInstance> {
    while (this.idle.length > 0) {
      const instance = this.idle.pop()!;
      if (instance.alive) return instance;
      this.all.delete(instance);
    }
    if (this.all.size < this.max) {
      const instance = this.spawn();
      try {
        await instance.ready;
      } catch (err) {
        this.all.delete(instance);
        this.handOn();
        throw err;
      }
      return instance;
    }
    const got = await new Promise<FunctionInstance | Error>((resolve) => this.waiting.push(resolve));
    if (got instanceof Error) throw got;
    return got;
  }

  release(instance: FunctionInstance) {
    if (this.retired && this.waiting.length === 0) {
      this.all.delete(instance);
      void instance.terminate();
      return;
    }
    if (!instance.alive) {
      this.all.delete(instance);
      this.handOn();
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter(instance);
    else this.idle.push(instance);
  }

  /** A slot came free without an instance: start one for whoever waits. */
  private handOn() {
    const waiter = this.waiting.shift();
    if (!waiter) return;
    const instance = this.spawn();
    instance.ready.then(
      () => waiter(instance),
      (err: Error) => {
        this.all.delete(instance);
        waiter(err);
      },
    );
  }

  async warm(): Promise<void> {
    const instance = await this.acquire();
    this.release(instance);
  }

  /** No new invocations come here: the idle environments end now, the busy ones when their invocation (and those already queued) finished. */
  retire() {
    this.retired = true;
    for (const instance of this.idle.splice(0)) {
      this.all.delete(instance);
      void instance.terminate();
    }
  }

  async close() {
    for (const waiter of this.waiting.splice(0)) waiter(new Error('the local cloud is stopping'));
    await Promise.all([...this.all].map((i) => i.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }
}

/** Runs the template's functions on this machine, each in warm processes of its own. */
export interface LambdaRunner extends FunctionInvoker {
  warm(logicalIds: string[]): Promise<void>;
  /** Invocations started, per function logical id (not those Lambda refused before any function ran). */
  invocations(): Record<string, number>;
  /**
   * `--watch` after a change under lambda/: these functions' code is read anew
   * from `stack` (the new assembly) and new invocations start environments of
   * it; the old environments serve the invocations already running or queued,
   * then end. Nothing else of the runner changes (counts, other functions).
   */
  swap(stack: LocalStack, logicalIds: string[]): void;
  close(): Promise<void>;
}

export function createLambdaRunner(options: LambdaRunnerOptions): LambdaRunner {
  const log = options.log ?? (() => {});
  const max = options.maxInstancesPerFunction ?? 2;
  const pools = new Map<string, FunctionPool>();
  const retired = new Set<FunctionPool>();
  let stack = options.stack;
  let generation = 0;
  /** Functions prepared so far: each its own number (its group), swapped ones too. */
  let prepared = 0;
  const counts: Record<string, number> = {};
  const sandboxes = createSandboxFactory();
  if (sandboxes.sameUserReason) log(`Lambda: functions run as this user, because ${sandboxes.sameUserReason}; a function could signal the local cloud`);
  const poolOf = (logicalId: string) => {
    let pool = pools.get(logicalId);
    if (!pool) {
      const local = typeof options.localEnvironment === 'function' ? options.localEnvironment(logicalId) : options.localEnvironment;
      const read = readFunction(stack, logicalId, local);
      // A swapped function's code goes to a folder of its own: the old environments may still be running from the old one.
      const sandbox = sandboxes.prepare(generation === 0 ? logicalId : `${logicalId}-${generation}`, read.assetDir, prepared++);
      const def: FunctionDefinition = {
        ...read,
        assetDir: sandbox.taskRoot,
        environment: { ...read.environment, LAMBDA_TASK_ROOT: sandbox.taskRoot },
        ...(options.cognitoEndpoint !== undefined ? { cognitoEndpoint: options.cognitoEndpoint } : {}),
      };
      pool = new FunctionPool(def, sandbox, max, log);
      pools.set(logicalId, pool);
    }
    return pool;
  };

  async function run(pool: FunctionPool, event: string, requestId: string): Promise<InvokeOutcome> {
    let instance: FunctionInstance;
    try {
      instance = await pool.acquire();
    } catch (err) {
      if (err instanceof FunctionInitError) return { kind: 'error', errorType: err.errorType, errorMessage: err.message };
      return { kind: 'error', errorType: 'Runtime.Unknown', errorMessage: err instanceof Error ? err.message : String(err) };
    }
    try {
      return await instance.invoke(event, requestId);
    } finally {
      pool.release(instance);
    }
  }

  return {
    async invoke(functionLogicalId, event, { requestId, timeoutMs }) {
      const pool = poolOf(functionLogicalId);
      // The event travels as JSON, as Lambda's Invoke takes it; over the synchronous limit Lambda refuses the call.
      const eventJson = JSON.stringify(event) ?? 'null';
      if (eventJson.length > MAX_REQUEST_BYTES / 3 && Buffer.byteLength(eventJson) > MAX_REQUEST_BYTES) {
        log(`λ ${functionLogicalId} | ${requestId} ${REQUEST_TOO_LARGE.errorType} (${REQUEST_TOO_LARGE.statusCode}): ${REQUEST_TOO_LARGE.errorMessage}`);
        return { ...REQUEST_TOO_LARGE };
      }
      counts[functionLogicalId] = (counts[functionLogicalId] ?? 0) + 1;
      const running = run(pool, eventJson, requestId);
      if (timeoutMs === undefined) return running;
      // The caller (API Gateway) may stop waiting before the function's own timeout; the function runs on regardless.
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<InvokeOutcome>((resolve) => {
        timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
      });
      try {
        return await Promise.race([running, gaveUp]);
      } finally {
        clearTimeout(timer);
      }
    },
    invocations: () => ({ ...counts }),
    async warm(logicalIds) {
      await Promise.all(logicalIds.map((id) => poolOf(id).warm()));
    },
    swap(next, logicalIds) {
      stack = next;
      generation += 1;
      for (const id of logicalIds) {
        const old = pools.get(id);
        if (!old) continue;
        pools.delete(id);
        old.retire();
        retired.add(old);
      }
    },
    async close() {
      await Promise.all([...pools.values(), ...retired].map((p) => p.close()));
      retired.clear();
      pools.clear();
      sandboxes.close();
    },
  };
}
