import { request } from "node:http";

export type HttpResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/**
 * GET on a Carnet address such as http://formation-continue.localhost:4123/…: browsers send *.localhost
 * to the loopback, Node's resolver does not, so connect to 127.0.0.1 and keep the Host header.
 */
export function httpGet(url: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
  return httpRequest("GET", url, { headers });
}

/**
 * Any method, with an optional body, on a Carnet address (same loopback rule as httpGet); `from` picks the
 * loopback address the request leaves from (127.0.0.2, 127.0.0.3…: different clients of one machine).
 */
export function httpRequest(method: string, url: string, options: { headers?: Record<string, string>; body?: string | Buffer; from?: string } = {}): Promise<HttpResponse> {
  const headers = options.headers ?? {};
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method,
        localAddress: options.from,
        headers: { Host: target.host, ...(options.body === undefined ? {} : { "Content-Length": String(Buffer.byteLength(options.body)) }), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}
