import autocannon from "autocannon";

export type BenchResult = { name: string; connections: number; requestsPerSecond: number; p50: number; p99: number; errors: number; non2xx: number };

/** Hammers one Carnet address for `seconds` with `connections` concurrent clients (Host header kept). */
export async function benchUrl(name: string, url: string, connections: number, seconds: number, headers: Record<string, string> = {}): Promise<BenchResult> {
  const target = new URL(url);
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}${target.pathname}${target.search}`,
    headers: { host: target.host, ...headers },
    connections,
    duration: seconds,
  });
  return {
    name,
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function printTable(results: BenchResult[]): void {
  console.log("| page | connections | req/s | p50 (ms) | p99 (ms) | errors | non-2xx |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of results) {
    console.log(`| ${r.name} | ${r.connections} | ${r.requestsPerSecond} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  }
}
