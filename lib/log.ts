import pino from "pino";

// One JSON line per event on stdout (pino), at LOG_LEVEL. Nothing secret goes in: header and field names
// that carry credentials are censored, and e-mail addresses are masked wherever they appear in a message.
// Read from process.env directly (not lib/env): the custom server logs before the configuration is checked.

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/** « d***@carnet.test »: enough to tell two people apart in a log, not to write to them. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, "$1***@$2");
}

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

function level(): string {
  const wanted = (process.env.LOG_LEVEL ?? "info").toLowerCase();
  return LEVELS.has(wanted) ? wanted : "info";
}

const globalLog = globalThis as unknown as { carnetLogger?: pino.Logger };

/** Carnet's logger, writing to `destination` (stdout by default). */
export function createLogger(destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level: level(),
      base: { service: "carnet" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [
          "password",
          "token",
          "secret",
          "email",
          "to",
          "*.password",
          "*.token",
          "*.secret",
          "*.email",
          "req.headers.authorization",
          "req.headers.cookie",
          "headers.authorization",
          "headers.cookie",
        ],
        censor: "[masqué]",
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg: unknown) => (typeof arg === "string" ? maskEmails(arg) : arg)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
      serializers: {
        err: (error: unknown) => {
          const serialized = pino.stdSerializers.err(error as Error);
          return { ...serialized, message: maskEmails(serialized.message), stack: serialized.stack ? maskEmails(serialized.stack) : undefined };
        },
      },
    },
    destination,
  );
}

export const logger: pino.Logger = (globalLog.carnetLogger ??= createLogger());
