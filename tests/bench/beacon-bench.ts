import autocannon from "autocannon";

const PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

// Readers are numbered across runs: a reader seen in an earlier run would be a repeat view, not counted.
let reader = 0;

export type BeaconBenchResult = { connections: number; sent: number; seconds: number; hitsPerSecond: number; p50: number; p99: number; errors: number; non2xx: number };

/**
 * Sends `amount` page-view beacons for `path` as many different readers (one X-Forwarded-For each, so
 * that every beacon is a first view and must be counted), from a browser on the blog's own page.
 */
export async function benchBeacons(blogUrl: string, path: string, connections: number, amount: number): Promise<BeaconBenchResult> {
  const target = new URL(blogUrl);
  const body = JSON.stringify({ p: path, r: "https://www.qwant.com/?q=formation+continue" });
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}/api/beacon`,
    connections,
    amount,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          reader += 1;
          return {
            ...request,
            body,
            headers: {
              host: target.host,
              origin: target.origin,
              "sec-fetch-site": "same-origin",
              "content-type": "text/plain;charset=UTF-8",
              "user-agent": PERSON,
              "x-forwarded-for": `10.${(reader >> 16) & 255}.${(reader >> 8) & 255}.${reader & 255}`,
            },
          };
        },
      },
    ],
  });
  return {
    connections,
    sent: result.requests.total,
    seconds: result.duration,
    hitsPerSecond: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
