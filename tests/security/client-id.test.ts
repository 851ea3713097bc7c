import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, hashAddress, hashClient, socketClientAddress, trustedProxyHops } from "@/lib/client-id";

// A real server, reached from several loopback addresses (127.0.0.0/8 is all local on Linux), that
// answers with the client address computed from its socket.
let server: Server;
let hops = 0;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => res.end(socketClientAddress(req, hops)));
  await new Promise<void>((resolve) => server.listen(0, "::", resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  vi.unstubAllEnvs();
});

function addressSeen(options: { from: string; forwardedFor?: string }): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, localAddress: options.from, headers: options.forwardedFor ? { "x-forwarded-for": options.forwardedFor } : {} },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve(body));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("the client's address under npm start", () => {
  it("is the socket's address with no proxy trusted, whatever X-Forwarded-For the client writes", async () => {
    hops = 0;
    const seen = await Promise.all(["1.2.3.4", "5.6.7.8, 9.9.9.9", "203.0.113.7"].map((forwardedFor) => addressSeen({ from: "127.0.0.2", forwardedFor })));
    expect(seen).toEqual(["127.0.0.2", "127.0.0.2", "127.0.0.2"]);
  });

  it("tells two clients apart, and spells an IPv4 client of a dual-stack socket as IPv4", async () => {
    hops = 0;
    expect(await addressSeen({ from: "127.0.0.2" })).toBe("127.0.0.2");
    expect(await addressSeen({ from: "127.0.0.3" })).toBe("127.0.0.3");
  });

  it("behind trusted proxies, takes the entry the farthest trusted proxy wrote, never one the client wrote", async () => {
    hops = 1;
    expect(await addressSeen({ from: "127.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.4" })).toBe("198.51.100.4");
    hops = 2;
    expect(await addressSeen({ from: "127.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.4, 10.0.0.9" })).toBe("198.51.100.4");
    // Fewer entries than trusted hops: the farthest address known.
    hops = 3;
    expect(await addressSeen({ from: "127.0.0.2", forwardedFor: "198.51.100.4" })).toBe("198.51.100.4");
    // A trusted proxy that sent no header at all: its own address.
    hops = 1;
    expect(await addressSeen({ from: "127.0.0.4" })).toBe("127.0.0.4");
  });

  it("reads TRUST_PROXY_HOPS as a small whole number, and 0 for anything else", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("2")).toBe(2);
    for (const bad of ["-1", "1.5", "deux", "1e9", ""]) expect(trustedProxyHops(bad)).toBe(0);
  });
});

describe("the client's address behind Next.js", () => {
  it("comes from the header the server writes, never from X-Forwarded-For or X-Real-IP", () => {
    expect(clientAddress(new Headers({ [CLIENT_ADDRESS_HEADER]: "127.0.0.2", "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8" }))).toBe("127.0.0.2");
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8" }))).toBe("unknown");
  });

  it("under next start, trusts the hosting platform's header only when the operator names it", () => {
    vi.stubEnv("CLIENT_ADDRESS_HEADER", "");
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: "6.6.6.6", "x-vercel-forwarded-for": "198.51.100.9" });
    expect(clientAddress(headers)).toBe("unknown");
    vi.stubEnv("CLIENT_ADDRESS_HEADER", "X-Vercel-Forwarded-For");
    expect(clientAddress(headers)).toBe("198.51.100.9");
  });

  it("never keeps the address itself, and rotates with the salt", () => {
    const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.7" });
    expect(hashClient(headers)).not.toContain("203");
    expect(hashClient(headers)).toBe(hashAddress("203.0.113.7"));
    expect(hashClient(headers)).not.toBe(hashAddress("203.0.113.8"));
    expect(hashClient(headers, "2026-11-28")).not.toBe(hashClient(headers, "2026-11-29"));
  });
});
