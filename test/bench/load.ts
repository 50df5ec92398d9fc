import { Agent, request } from 'node:http';

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
}

export interface LoadRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

function once(agent: Agent, req: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const r = request(req.url, { method: req.method, headers: req.headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Fixed concurrency, bounded: `concurrency` loops each send the same request
 * back to back until `total` requests are done or `maxSeconds` have passed.
 * Requests are prepared beforehand, so the client's own work is the same in
 * every mode and the difference is what the server does.
 */
export async function runLoad(req: LoadRequest, options: { concurrency: number; total: number; maxSeconds: number }): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let started = 0;
  const deadline = performance.now() + options.maxSeconds * 1000;
  const t0 = performance.now();
  const worker = async () => {
    while (started < options.total && performance.now() < deadline) {
      started += 1;
      const t = performance.now();
      const status = await once(agent, req);
      latencies.push(performance.now() - t);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, seconds, rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), statuses };
}
