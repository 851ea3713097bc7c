// `npm run backup -- <file>`: a consistent copy of DATABASE_URL into <file>, and of the local images into <file>.medias/.
import { isAbsolute, join } from "node:path";
import { backupCarnet, BackupError, mediaFolderOf } from "@/lib/backup/backup";
import { env } from "@/lib/env";

const file = process.argv[2];
if (!file) {
  console.error("Indiquez le fichier de la sauvegarde : npm run backup -- sauvegardes/carnet-2026-12-02.db");
  process.exit(2);
}

try {
  const mediaDir = env.MEDIA_STORAGE === "local" ? (isAbsolute(env.MEDIA_DIR) ? env.MEDIA_DIR : join(process.cwd(), env.MEDIA_DIR)) : null;
  const report = await backupCarnet({ databaseUrl: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN, file, mediaDir });
  console.log(`Sauvegarde écrite dans ${report.file} : ${report.rows} lignes en ${(report.milliseconds / 1000).toFixed(1)} s.`);
  if (report.media === "bucket") console.log("Les images sont dans le bucket S3 : elles ne font pas partie de cette sauvegarde (voir README, Sauvegardes).");
  else console.log(`${report.media} images copiées dans ${mediaFolderOf(report.file)}.`);
  if (report.missingMedia.length > 0) {
    console.warn(`${report.missingMedia.length} images supprimées pendant la sauvegarde manquent : ${report.missingMedia.join(", ")}`);
  }
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exit(1);
}
