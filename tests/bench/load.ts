import { spawnSync } from "node:child_process";
import autocannon from "autocannon";

export type LoadResult = { requestsPerSecond: number; p50: number; p99: number; errors: number; non2xx: number };

/** Whether wrk is installed (Debian's `wrk`); without it the bench falls back on autocannon. */
export const hasWrk = spawnSync("wrk", ["--version"]).error === undefined;

/** Milliseconds from wrk's « 1.23ms », « 850.00us », « 1.05s ». */
function milliseconds(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  const unit = match[2];
  return unit === "us" ? value / 1000 : unit === "ms" ? value : unit === "s" ? value * 1000 : value * 60_000;
}

/**
 * `connections` clients on one address for `seconds`, with the Host header of `url` (connected to
 * 127.0.0.1: Node's resolver and wrk do not know *.localhost). wrk (2 threads) when installed, else autocannon.
 */
export async function loadUrl(url: string, connections: number, seconds: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const target = new URL(url);
  const address = `http://127.0.0.1:${target.port}${target.pathname}${target.search}`;
  const allHeaders = { Host: target.host, ...headers };
  if (hasWrk) {
    const args = ["-t2", `-c${connections}`, `-d${seconds}s`, "--latency", "--timeout", "10s"];
    for (const [name, value] of Object.entries(allHeaders)) args.push("-H", `${name}: ${value}`);
    const run = spawnSync("wrk", [...args, address], { encoding: "utf8" });
    const out = run.stdout;
    const latency = (percent: string) => milliseconds(new RegExp(`^\\s+${percent}%\\s+(\\S+)`, "m").exec(out)?.[1] ?? "");
    const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    return {
      requestsPerSecond: Math.round(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0)),
      p50: Math.round(latency("50") * 100) / 100,
      p99: Math.round(latency("99") * 100) / 100,
      errors: socketErrors ? socketErrors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
      non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    };
  }
  const result = await autocannon({ url: address, headers: allHeaders, connections, duration: seconds });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
