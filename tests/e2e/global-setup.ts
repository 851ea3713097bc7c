import type { TestProject } from "vitest/node";
import { startCarnet } from "../helpers/carnet-server";

declare module "vitest" {
  export interface ProvidedContext {
    rootDomain: string;
    queryLog: string;
    databaseUrl: string;
  }
}

// One production build and server for all end-to-end files, on a fresh database with the demo blog.
export default async function setup(project: TestProject) {
  const carnet = await startCarnet({ distDir: ".next-test" });
  project.provide("rootDomain", carnet.rootDomain);
  project.provide("queryLog", carnet.queryLog);
  project.provide("databaseUrl", carnet.databaseUrl);
  return () => carnet.stop();
}
