import { migrateDatabase } from "@/lib/db/migrate";

await migrateDatabase();
console.log("Base de données à jour.");
