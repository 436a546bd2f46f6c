import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadRequest {
  path: string;
  body: string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** Sends the prepared requests with `concurrency` keep-alive connections; a bounded, self-stopping loop. */
export async function load(port: number, requests: LoadRequest[], concurrency: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const one = (r: LoadRequest) =>
    new Promise<void>((resolve) => {
      const t = performance.now();
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: r.path,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', ...r.headers },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) errors++;
            latencies.push(performance.now() - t);
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(r.body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) await one(requests[next++] as LoadRequest);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((x, y) => x - y);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: requests.length,
    perSecond: requests.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    errors,
  };
}
