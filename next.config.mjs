import createMDX from "@next/mdx";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests and benchmarks build into their own folder so they never clobber the operator's build.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  pageExtensions: ["ts", "tsx", "md", "mdx"],
  poweredByHeader: false,
  // Native modules are loaded by Node at run time rather than bundled.
  serverExternalPackages: ["@libsql/client", "libsql", "@node-rs/argon2", "pino"],
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
