// `npm run restore -- <file>`: the backup <file> into the empty database DATABASE_URL, its images into the media storage.
import { BackupError, restoreCarnet } from "@/lib/backup/backup";
import { env } from "@/lib/env";
import { mediaStorage } from "@/lib/media/storage";

const file = process.argv[2];
if (!file) {
  console.error("Indiquez le fichier de la sauvegarde à restaurer : npm run restore -- sauvegardes/carnet-2026-12-02.db");
  process.exit(2);
}

try {
  const report = await restoreCarnet({ file, databaseUrl: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN, storage: mediaStorage() });
  console.log(`Sauvegarde ${file} restaurée dans ${env.DATABASE_URL} : ${report.rows} lignes, ${report.media} images.`);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
