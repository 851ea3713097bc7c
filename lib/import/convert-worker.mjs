// Entry of the conversion worker thread: loads its TypeScript through tsx (a worker's main module is
// loaded before any --import hook of the worker would be).
import { tsImport } from "tsx/esm/api";

await tsImport("./convert-worker.ts", import.meta.url);
