// A Carnet instance about to migrate at start: it loads everything, says « prêt », and migrates when a
// line arrives on stdin, so that a test can start several at the very same moment.
import { once } from "node:events";
import { migrateDatabase } from "@/lib/db/migrate";

process.stdout.write("prêt\n");
await once(process.stdin, "data");
await migrateDatabase();
process.stdout.write("migré\n");
process.exit(0);
