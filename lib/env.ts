import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:)/, "doit commencer par file:, libsql:, http(s): ou ws(s):")
    .default("file:./data/carnet.db"),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  // Host (and port) of the platform; each blog lives at <slug>.<ROOT_DOMAIN>.
  ROOT_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d{1,5})?$/i, "doit être un nom d'hôte, avec un port éventuel (ex. carnet.fr ou localhost:3000)")
    .default("localhost:3000"),
  // Scheme of the public addresses; https in production behind a TLS terminator.
  PUBLIC_PROTOCOL: z.enum(["http", "https"]).default("http"),
  // Signs sessions, unsubscribe links and client hashes. Without it, a random one is kept in data/secret
  // (one machine); several instances behind a load balancer must share one.
  AUTH_SECRET: z.string().min(32, "doit faire au moins 32 caractères").optional(),
  // smtp://user:pass@host:port or smtps://…; without it mail stays in the outbox (Boîte de développement).
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "doit commencer par smtp:// ou smtps://")
    .optional(),
  MAIL_FROM: z.string().optional(),
  // Folder of uploaded images (relative to the working directory or absolute); several instances must share it.
  MEDIA_DIR: z.string().min(1).default("data/uploads"),
  // Folder of files uploaded for import until their import ends (relative to the working directory or absolute).
  IMPORT_DIR: z.string().min(1).default("data/imports"),
  // "1" lets imports fetch from loopback and private networks (tests, operators importing from their own network).
  IMPORT_ALLOW_PRIVATE_NETWORKS: z.enum(["0", "1"]).default("0"),
  // Milliseconds between two pages read from a Canalblog blog (one request at a time, to be polite).
  IMPORT_CANALBLOG_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  // "off" when the outbox worker runs apart (npm run worker).
  OUTBOX_WORKER: z.enum(["on", "off"]).default("on"),
  // "off": this web server runs no periodic job on its own timers (npm run worker or a cron service does).
  JOBS: z.enum(["on", "off"]).default("on"),
  // Bearer token a cron service sends to POST /api/cron/<job>; without it only Carnet itself may call them.
  CRON_SECRET: z.string().min(16, "doit faire au moins 16 caractères").optional(),
  // Where `npm run worker` reaches a web server for the jobs that expire cached pages (default: this PORT on 127.0.0.1).
  CARNET_SERVER_URL: z.url({ protocol: /^https?$/, error: "doit être une adresse http(s)://" }).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Milliseconds between /readyz turning 503 on SIGTERM and the server closing (time for a load balancer to notice).
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  // Where uploaded images are kept: the MEDIA_DIR folder, or an S3-compatible bucket (hosts without a disk).
  MEDIA_STORAGE: z.enum(["local", "s3"]).default("local"),
  // Address of an S3-compatible service (MinIO, R2, Scaleway…); AWS's own when unset.
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: "doit être une adresse http(s)://" }).optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  // Without them, the AWS SDK looks for credentials where it usually does (role of the machine…).
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // "true" for services that address a bucket as <endpoint>/<bucket> rather than <bucket>.<endpoint> (MinIO).
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"], { error: "doit valoir true ou false" }).default("false"),
  // redis://… shared by several instances: Next's page cache, the readers counted today, the views not written yet.
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "doit être une adresse redis:// ou rediss://" }).optional(),
}).superRefine((value, context) => {
  if (value.MEDIA_STORAGE === "s3" && !value.S3_BUCKET) {
    context.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "est nécessaire quand MEDIA_STORAGE=s3" });
  }
  if (Boolean(value.S3_ACCESS_KEY_ID) !== Boolean(value.S3_SECRET_ACCESS_KEY)) {
    context.addIssue({ code: "custom", path: ["S3_SECRET_ACCESS_KEY"], message: "va avec S3_ACCESS_KEY_ID : donnez les deux ou aucun" });
  }
});

export type Env = z.infer<typeof envSchema>;

function readEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Configuration invalide :\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env = readEnv();
