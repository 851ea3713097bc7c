import { fileURLToPath } from "node:url";
import createMDX from "@next/mdx";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests and benchmarks build into their own folder so they never clobber the operator's build.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  pageExtensions: ["ts", "tsx", "md", "mdx"],
  poweredByHeader: false,
  // Reader pages get their ETag from npm start's server (lib/cli/serve.mjs), hashed natively: Next's own
  // is computed in JavaScript over the whole page on every request.
  generateEtags: false,
  // Next's own in-memory cache, or Redis shared by several instances when REDIS_URL is set: decided when
  // the server starts (this file is read again then), never by the build.
  cacheHandler: fileURLToPath(new URL("./lib/cache/next-cache-handler.mjs", import.meta.url)),
  // Native modules are loaded by Node at run time rather than bundled; so is piscina, whose threads
  // load files by path.
  serverExternalPackages: ["@libsql/client", "libsql", "@node-rs/argon2", "piscina", "pino"],
  // The Markdown render thread is a plain module that Node loads from lib/markdown at run time: listed
  // for output tracing, since no bundle imports it. Its own imports (the unified packages) resolve from
  // node_modules, which Carnet's builds run next to (it does not use `output: "standalone"`).
  outputFileTracingIncludes: {
    "/*": ["./lib/markdown/render-worker.mjs"],
  },
  experimental: {
    // Pages and data cached at run time stay in memory, not in the build folder: one build serves
    // several deployments (each address and database its own cache), and a read-only image works.
    isrFlushToDisk: false,
    globalNotFound: true,
    // forbidden(): the 403 page of a blog's administration for people who are not its members.
    authInterrupts: true,
  },
};

const withMDX = createMDX({});

export default withMDX(nextConfig);
