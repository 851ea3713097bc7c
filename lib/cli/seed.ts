import { migrateDatabase } from "@/lib/db/migrate";
import { seedDemoBlog } from "@/lib/demo/seed";

await migrateDatabase();
console.log((await seedDemoBlog()) ? "Blog de démonstration créé." : "Le blog de démonstration existe déjà.");
