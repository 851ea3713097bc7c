import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// No Docker engine here: the image and the single-machine setup are checked as text, for what an
// operator relies on.

type Instruction = { name: string; args: string };

function dockerfile(): Instruction[] {
  const text = readFileSync("Dockerfile", "utf8").replace(/\\\n/g, " ");
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => {
      const [name = "", ...rest] = line.split(/\s+/);
      return { name: name.toUpperCase(), args: rest.join(" ") };
    });
}

describe("the Dockerfile", () => {
  const instructions = dockerfile();
  const stages = instructions.filter((line) => line.name === "FROM");
  const lastStage = instructions.slice(instructions.lastIndexOf(stages.at(-1) as Instruction));

  it("builds in several stages on Node 20 slim", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.args).toMatch(/^node:20-slim\b/);
  });

  it("runs as a user other than root, with data/ as a volume", () => {
    const user = lastStage.filter((line) => line.name === "USER").at(-1);
    expect(user?.args).toBeDefined();
    expect(user?.args).not.toMatch(/^(root|0)(:|$)/);
    expect(lastStage.find((line) => line.name === "VOLUME")?.args).toContain("/app/data");
  });

  it("checks its health on /healthz and serves the existing build with npm run serve", () => {
    expect(lastStage.find((line) => line.name === "HEALTHCHECK")?.args).toContain("/healthz");
    expect(lastStage.find((line) => line.name === "CMD")?.args).toBe('["npm", "run", "serve"]');
  });

  it("builds once, in the image, without the deployment's address, database or secrets", () => {
    const build = instructions.filter((line) => line.name === "RUN" && line.args.includes("npm run build"));
    expect(build).toHaveLength(1);
    const settings = instructions.filter((line) => line.name === "ENV" || line.name === "ARG").map((line) => line.args).join(" ");
    for (const variable of ["ROOT_DOMAIN", "AUTH_SECRET", "CRON_SECRET", "SMTP_URL", "PUBLIC_PROTOCOL"]) expect(settings).not.toContain(variable);
  });

  it("leaves local data, builds and secrets out of the build context", () => {
    const ignored = readFileSync(".dockerignore", "utf8").split("\n").map((line) => line.trim());
    for (const entry of ["node_modules", ".next", "data", ".env", ".git"]) expect(ignored).toContain(entry);
  });
});

describe("compose.yaml", () => {
  type Service = { command?: string[]; environment?: Record<string, string>; volumes?: string[]; depends_on?: Record<string, { condition: string }> };
  const compose = parse(readFileSync("compose.yaml", "utf8"), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
  const { web, worker, migrate } = compose.services;

  it("migrates once before the web server starts, then serves with npm run serve", () => {
    expect(migrate?.command).toEqual(["npm", "run", "db:migrate"]);
    expect(web?.depends_on?.migrate?.condition).toBe("service_completed_successfully");
    expect(web?.command).toEqual(["npm", "run", "serve"]);
  });

  it("runs the jobs in the worker, not on the web server's timers", () => {
    expect(web?.environment?.JOBS).toBe("off");
    expect(worker?.command).toEqual(["npm", "run", "worker"]);
    expect(worker?.environment?.CARNET_SERVER_URL).toBe("http://web:3000");
  });

  it("keeps the database in a named volume shared by every service, and requires AUTH_SECRET", () => {
    for (const service of [web, worker, migrate]) {
      expect(service?.volumes).toContain("carnet-data:/app/data");
      expect(service?.environment?.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:\?/);
    }
    expect(compose.volumes).toHaveProperty("carnet-data");
  });
});
