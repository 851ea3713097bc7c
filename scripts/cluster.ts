// `npm run cluster`: Carnet's reference topology for several instances, on this machine, with real
// binaries: one sqld primary (JWT authentication), Redis, an S3-compatible server (s3rver), N instances
// of one build (`npm run serve`, sharing AUTH_SECRET, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY and the build's
// id) and Debian's nginx in front (deploy/nginx/carnet.conf). tests/e2e/cluster.test.ts and
// tests/bench/cluster.ts start the same thing through startCluster().
import { spawn, type ChildProcess } from "node:child_process";
import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../tests/helpers/free-port";
import { httpGet } from "../tests/helpers/http";
import { startS3Server, type RunningS3 } from "../tests/helpers/s3-server";
import { startSqld, type RunningSqld } from "../tests/helpers/sqld";

const root = fileURLToPath(new URL("..", import.meta.url));

/** A program of the machine (Debian puts nginx in /usr/sbin, which is not always in PATH). */
export function findBinary(name: string): string {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/usr/bin", "/usr/local/sbin"];
  for (const dir of dirs) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} est introuvable (PATH et /usr/sbin) : installez le paquet Debian « ${name === "redis-server" ? "redis-server" : name} ».`);
}

function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>, logFile?: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return (async () => {
    for (;;) {
      const value = await probe().catch(() => null);
      if (value) return value;
      if (Date.now() > deadline) {
        const tail = logFile && existsSync(logFile) ? `:\n${readFileSync(logFile, "utf8").slice(-3000)}` : "";
        throw new Error(`${what} : pas de réponse en ${timeoutMs} ms${tail}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
}

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/** An Ed25519 key pair: sqld checks tokens with the public half, the instances send a token signed by the other. */
function jwtKeyAndToken(dir: string): { publicKeyFile: string; token: string } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const publicKeyFile = join(dir, "sqld-jwt.pem");
  writeFileSync(publicKeyFile, publicKey.export({ type: "spki", format: "pem" }));
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ alg: "EdDSA", typ: "JWT" })}.${part({ a: "rw", iat: Math.floor(Date.now() / 1000) })}`;
  const signature = sign(null, Buffer.from(unsigned), createPrivateKey(privateKey.export({ type: "pkcs8", format: "pem" }))).toString("base64url");
  return { publicKeyFile, token: `${unsigned}.${signature}` };
}

export type RunningRedis = { url: string; port: number; stop: () => Promise<void>; start: () => Promise<void> };

function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.setTimeout(1_000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on("error", () => resolve(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (data) => {
      socket.end();
      resolve(data.toString().startsWith("+PONG"));
    });
  });
}

/** Debian's redis-server on a free port, keeping nothing on disk: stopped then started, it is empty. */
export async function startRedis(dir: string): Promise<RunningRedis> {
  const binary = findBinary("redis-server");
  const port = await freePort();
  const logFile = join(dir, "redis.log");
  let child: ChildProcess | undefined;
  const start = async () => {
    const log = openSync(logFile, "a");
    child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: ["ignore", log, log] });
    await until("redis-server", 10_000, () => redisAnswers(port), logFile);
  };
  const stop = async () => {
    if (!child) return;
    const exited = exitOf(child);
    child.kill("SIGTERM");
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop };
}

export type CarnetInstance = {
  name: string;
  port: number;
  logFile: string;
  /** Whether its process is running. */
  running: () => boolean;
  /** Sends a signal to the instance (SIGKILL: the machine dies under it). */
  signal: (signal: NodeJS.Signals) => void;
  /** Resolves once its process has exited. */
  exited: () => Promise<void>;
  /** Starts it again on the same port (after it exited), and waits until it is ready. */
  start: () => Promise<void>;
  stop: () => Promise<void>;
};

export type Cluster = {
  /** The platform's address through nginx (localhost:<port>): each blog is <slug>.<rootDomain>. */
  rootDomain: string;
  nginxPort: number;
  instances: CarnetInstance[];
  sqld: RunningSqld;
  /** What a process needs to reach the database (a token signed with the JWT key). */
  databaseUrl: string;
  databaseAuthToken: string;
  redis: RunningRedis;
  s3: RunningS3;
  /** Variables every instance runs with. */
  env: Record<string, string>;
  workDir: string;
  stop: () => Promise<void>;
};

export type ClusterOptions = {
  /** The build every instance serves (`npm run build` makes .next). */
  distDir: string;
  instances?: number;
  /** Variables added to every instance's (SMTP_URL of a test's mail server, say). */
  env?: Record<string, string>;
  /** nginx's port; a free one by default. */
  port?: number;
  /** Milliseconds an instance may take to become ready. */
  startTimeoutMs?: number;
};

function runNode(args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = openSync(logFile, "a");
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", log, log] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} : code ${code}\n${readFileSync(logFile, "utf8").slice(-3000)}`))));
  });
}

function startInstance(name: string, port: number, env: NodeJS.ProcessEnv, dir: string, timeoutMs: number): CarnetInstance {
  const logFile = join(dir, `${name}.log`);
  let child: ChildProcess | undefined;
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const signal = (name: NodeJS.Signals) => {
    if (child?.pid !== undefined && running()) process.kill(-child.pid, name);
  };
  const exited = () => (child ? exitOf(child) : Promise.resolve());
  const start = async () => {
    const log = openSync(logFile, "a");
    const spawned = spawn(process.execPath, ["lib/cli/serve.mjs"], { cwd: root, env: { ...env, PORT: String(port) }, stdio: ["ignore", log, log], detached: true });
    child = spawned;
    await until(
      `l'instance ${name}`,
      timeoutMs,
      async () => {
        if (spawned.exitCode !== null) throw new Error(`l'instance ${name} s'est arrêtée (code ${spawned.exitCode}) :\n${readFileSync(logFile, "utf8").slice(-3000)}`);
        return (await httpGet(`http://127.0.0.1:${port}/readyz`)).status === 200;
      },
      logFile,
    );
  };
  const stop = async () => {
    const done = exited();
    signal("SIGTERM");
    await done;
  };
  return { name, port, logFile, running, signal, exited, start, stop };
}

/** nginx's configuration from deploy/nginx/carnet.conf, for these instances. */
export function nginxConfig(options: { listen: string; runDir: string; upstreams: number[] }): string {
  const template = readFileSync(join(root, "deploy", "nginx", "carnet.conf"), "utf8");
  const servers = options.upstreams.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`).join("\n");
  return template.replaceAll("@@RUN_DIR@@", options.runDir).replaceAll("@@LISTEN@@", options.listen).replace("@@UPSTREAM_SERVERS@@", servers);
}

export type RunningNginx = { port: number; runDir: string; stop: () => Promise<void> };

/** Debian's nginx in the foreground on `config` (its pid, logs, temporary files and cache under runDir). */
export async function startNginx(runDir: string, config: string, port: number): Promise<RunningNginx> {
  // Under root, nginx's workers run as nobody: they must reach the cache folder (through its parents too).
  chmodSync(runDir, 0o755);
  chmodSync(dirname(runDir), 0o711);
  const configFile = join(runDir, "nginx.conf");
  writeFileSync(configFile, config);
  const logFile = join(runDir, "nginx.out");
  const log = openSync(logFile, "a");
  const child = spawn(findBinary("nginx"), ["-p", runDir, "-e", join(runDir, "error.log"), "-c", configFile], { stdio: ["ignore", log, log] });
  const stop = async () => {
    const done = exitOf(child);
    child.kill("SIGQUIT");
    await done;
  };
  await until(
    "nginx",
    10_000,
    async () => {
      if (child.exitCode !== null) throw new Error(`nginx s'est arrêté :\n${readFileSync(logFile, "utf8")}${existsSync(join(runDir, "error.log")) ? readFileSync(join(runDir, "error.log"), "utf8") : ""}`);
      return (await httpGet(`http://127.0.0.1:${port}/healthz`)).status === 200;
    },
    join(runDir, "error.log"),
  ).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { port, runDir, stop };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const count = options.instances ?? 3;
  const workDir = mkdtempSync(join(tmpdir(), "carnet-cluster-"));
  const started: { stop: () => Promise<void> }[] = [];
  const stopAll = async () => {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
  };
  try {
    const { publicKeyFile, token } = jwtKeyAndToken(workDir);
    const [sqld, redis, s3] = await Promise.all([startSqld(join(workDir, "data.sqld"), ["--auth-jwt-key-file", publicKeyFile]), startRedis(workDir), startS3Server()]);
    started.push(sqld, redis, { stop: s3.close });
    const nginxPort = options.port ?? (await freePort());
    const rootDomain = `localhost:${nginxPort}`;
    const env: Record<string, string> = {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_DIST_DIR: options.distDir,
      ROOT_DOMAIN: rootDomain,
      PUBLIC_PROTOCOL: "http",
      DATABASE_URL: sqld.url,
      DATABASE_AUTH_TOKEN: token,
      REDIS_URL: redis.url,
      ...s3.env,
      // Shared by every instance: a session, a signed link or a server action made by one is good on the others.
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      // nginx is the one proxy in front: the reader's address is its X-Forwarded-For.
      TRUST_PROXY_HOPS: "1",
      LOG_LEVEL: "warn",
      ...options.env,
    };
    const processEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete processEnv.CARNET_QUERY_LOG;
    // What an operator runs once against the database: migrations and the demo blog.
    await runNode(["--import", "./tests/helpers/allow-server-only.mjs", "--import", "tsx", "lib/cli/seed.ts"], processEnv, join(workDir, "seed.log"));

    const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
    const instances = ports.map((port, index) => startInstance(String.fromCharCode(65 + index), port, processEnv, workDir, options.startTimeoutMs ?? 300_000));
    // One at a time: each loads the same build, and two cores are shared.
    for (const instance of instances) {
      started.push(instance);
      await instance.start();
    }
    const runDir = join(workDir, "nginx");
    mkdirSync(runDir);
    const nginx = await startNginx(runDir, nginxConfig({ listen: `127.0.0.1:${nginxPort}`, runDir, upstreams: ports }), nginxPort);
    started.push(nginx);
    return {
      rootDomain,
      nginxPort,
      instances,
      sqld,
      databaseUrl: sqld.url,
      databaseAuthToken: token,
      redis,
      s3,
      env,
      workDir,
      stop: async () => {
        await stopAll();
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

// `npm run cluster`: serves the build in .next (NEXT_DIST_DIR) until Ctrl-C.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!existsSync(join(root, distDir, "BUILD_ID"))) {
    console.error(`Aucune construction dans « ${distDir} » : lancez « npm run build » d'abord.`);
    process.exit(1);
  }
  const cluster = await startCluster({ distDir, instances: Number(process.env.CLUSTER_INSTANCES ?? "3"), port: process.env.PORT ? Number(process.env.PORT) : undefined });
  console.log(`Carnet en grappe : http://${cluster.rootDomain}/ (nginx) devant ${cluster.instances.length} instances`);
  for (const instance of cluster.instances) console.log(`  instance ${instance.name} : http://127.0.0.1:${instance.port}/ (journal ${instance.logFile})`);
  console.log(`  sqld ${cluster.sqld.url} (jeton JWT), Redis ${cluster.redis.url}, S3 ${cluster.s3.settings.endpoint}`);
  console.log(`  démo : http://formation-continue.${cluster.rootDomain}/ — Ctrl-C arrête tout.`);
  let stopping = false;
  // Ctrl-C may arrive twice (from the terminal and from npm/tsx forwarding it): everything is stopped once.
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void cluster.stop().finally(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
