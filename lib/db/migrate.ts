import { join } from "node:path";
import { migrate } from "drizzle-orm/libsql/migrator";
import { db, dbClient } from "./index";
import { env } from "@/lib/env";

/** Applies the committed migrations in drizzle/ to DATABASE_URL; an up-to-date database is left as it is. */
export async function migrateDatabase(): Promise<void> {
  if (env.DATABASE_URL.startsWith("file:")) {
    // WAL lets readers go on while a writer commits; it is a property of the file, kept once set.
    await dbClient.execute("PRAGMA journal_mode = WAL");
  }
  await migrate(db, { migrationsFolder: join(process.cwd(), "drizzle") });
}
