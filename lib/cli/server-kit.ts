// What the production server (lib/cli/serve.mjs, plain JavaScript) needs from Carnet's TypeScript,
// loaded in one go: importing it checks the configuration (lib/env.ts throws, naming the variable).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DatabaseFromNewerBuildError, readMigrationState } from "@/lib/db/migrate";

export { answerBeacon, drainViewCounter, isBeaconRequest } from "@/lib/stats/beacon-fast-path";
export { checkReadiness, readinessResponse } from "@/lib/health";
export { plainPlatformPath, plainReaderPagePath, publicAddress } from "@/lib/host-routing";
export { NOT_FOUND_PAGE_HEADER } from "@/lib/reader/not-found-page";
export { securityHeadersFor } from "@/lib/security-headers";

/**
 * Why this server cannot start, or null: no build in `distDir`, a database that is not migrated for
 * this build (or migrated by a newer one). `npm run serve` serves what exists and changes nothing.
 */
export async function reasonNotToServe(distDir: string): Promise<string | null> {
  if (!existsSync(join(distDir, "BUILD_ID"))) {
    return `Aucune construction de Carnet dans « ${distDir} » : lancez « npm run build » (ou « npm start », qui construit au besoin).`;
  }
  let state;
  try {
    state = await readMigrationState();
  } catch (error) {
    return `La base de données (DATABASE_URL) ne répond pas : ${error instanceof Error ? error.message : String(error)}`;
  }
  if (state.status === "behind") {
    return `La base de données n'est pas à jour (${state.missing} migration(s) à appliquer) : lancez « npm run db:migrate » avant « npm run serve ».`;
  }
  if (state.status === "ahead") return new DatabaseFromNewerBuildError(state.unknown).message;
  return null;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id a request is logged under: the one a proxy in front gave it when it looks like one, else a new one. */
export function requestIdOf(given: string | string[] | undefined, fresh: () => string): string {
  return typeof given === "string" && REQUEST_ID.test(given) ? given : fresh();
}
