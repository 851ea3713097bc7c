import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { ReaderFirstSequencer } from "./tests/e2e/sequencer";

const root = fileURLToPath(new URL(".", import.meta.url));
const alias = {
  "@/": root,
  // "server-only" throws outside Next's server bundles; the tests are server code too.
  "server-only": fileURLToPath(new URL("./tests/helpers/server-only.ts", import.meta.url)),
};

export default defineConfig({
  test: {
    // Vitest takes the sequencer from the root configuration only (a project's own is ignored): the
    // reader journey must run first among the end-to-end files, whatever ran or failed last time.
    sequence: { sequencer: ReaderFirstSequencer },
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/e2e/**", "node_modules/**"],
          setupFiles: ["tests/helpers/test-database.ts"],
          environment: "node",
          // As under `npm start` (lib/cli/serve.mjs): the client's address arrives in this header.
          env: { CLIENT_ADDRESS_HEADER: "x-carnet-client" },
          // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses:
          // let Vite resolve it, so that code reaching lib/auth (getMemberBlog…) can be tested.
          server: { deps: { inline: ["next-auth"] } },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/global-setup.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
