import type { Client, InArgs, InStatement, Transaction, TransactionMode } from "@libsql/client";

// The embedded libSQL driver runs statements synchronously. When one request holds a write transaction
// open across an `await` and another request writes on a second connection, that write waits for the
// lock *synchronously* (busy timeout): the event loop freezes, the open transaction can never finish,
// and both fail with SQLITE_BUSY. So, within a process, writes take turns on an async lock instead:
// reads go on freely (WAL), and other processes still meet SQLite's own busy handling.

/** Whether a statement only reads (it may then run beside a transaction of another request). */
export function isReadOnlyStatement(statement: InStatement): boolean {
  const text = (typeof statement === "string" ? statement : statement.sql).trim();
  if (/^(select|explain)\b/i.test(text)) return true;
  if (/^pragma\b/i.test(text)) return !text.includes("=");
  if (/^with\b/i.test(text)) return !/\b(insert|update|delete|replace)\b/i.test(text);
  return false;
}

/** Wraps a client so that its writes (statements, batches, transactions) run one at a time. */
export function serializeWrites(client: Client): Client {
  let tail: Promise<void> = Promise.resolve();
  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = tail;
    tail = previous.then(() => turn);
    return previous.then(() => release);
  };
  const withLock = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };

  const openTransaction = async (mode?: TransactionMode): Promise<Transaction> => {
    if (mode === "read") return client.transaction(mode);
    const release = await acquire();
    let released = false;
    const releaseOnce = () => {
      if (!released) {
        released = true;
        release();
      }
    };
    let transaction: Transaction;
    try {
      transaction = await client.transaction(mode);
    } catch (error) {
      releaseOnce();
      throw error;
    }
    const finish =
      <A extends unknown[], R>(method: (...args: A) => R) =>
      (...args: A): R => {
        try {
          const result = method.apply(transaction, args);
          if (result instanceof Promise) return result.finally(releaseOnce) as R;
          releaseOnce();
          return result;
        } catch (error) {
          releaseOnce();
          throw error;
        }
      };
    return new Proxy(transaction, {
      get(target, property, receiver) {
        if (property === "commit") return finish(target.commit);
        if (property === "rollback") return finish(target.rollback);
        if (property === "close") return finish(target.close);
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  };

  return new Proxy(client, {
    get(target, property, receiver) {
      switch (property) {
        case "execute":
          return (statement: InStatement, args?: InArgs) => {
            const run = () => (typeof statement === "string" ? target.execute(statement, args) : target.execute(statement));
            return isReadOnlyStatement(statement) ? run() : withLock(run);
          };
        case "batch":
          return (statements: InStatement[], mode?: TransactionMode) =>
            mode === "read" ? target.batch(statements, mode) : withLock(() => target.batch(statements, mode));
        case "migrate":
          return (statements: InStatement[]) => withLock(() => target.migrate(statements));
        case "executeMultiple":
          return (sql: string) => withLock(() => target.executeMultiple(sql));
        case "transaction":
          return openTransaction;
        default: {
          const value: unknown = Reflect.get(target, property, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        }
      }
    },
  });
}
