// A real S3-compatible server (s3rver) in the test process, on a free port, with one empty bucket.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import type { S3Settings } from "@/lib/media/storage";

export type RunningS3 = {
  settings: S3Settings;
  /** The same settings as Carnet's MEDIA_STORAGE=s3 environment variables. */
  env: Record<string, string>;
  close: () => Promise<void>;
};

export async function startS3Server(bucket = "carnet-medias"): Promise<RunningS3> {
  const directory = mkdtempSync(join(tmpdir(), "carnet-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  // s3rver checks signatures made with these credentials.
  const settings: S3Settings = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
  };
  return {
    settings,
    env: {
      MEDIA_STORAGE: "s3",
      S3_ENDPOINT: settings.endpoint ?? "",
      S3_BUCKET: bucket,
      S3_REGION: settings.region,
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "true",
    },
    close: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
