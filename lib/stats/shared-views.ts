import { redisAnswers, type SharedRedis } from "@/lib/redis";
import type { SharedViewStore } from "./view-counter";

// The visitor counter's memory in the Redis several instances share (REDIS_URL): a reader is counted once
// a day whichever instance answers, and the views wait in one hash that whichever instance flushes first
// writes. Every method answers null/false when Redis is unreachable: the counter then uses its own memory.

const PREFIX = "carnet:vues:";
const PENDING = `${PREFIX}en-attente`;
/** A (reader, page) pair is remembered two days: the day of the view, whatever the clocks' drift. */
const SEEN_TTL_S = 2 * 24 * 3600;
// Reads and empties the hash in one step: two instances flushing at once never write the same views twice.
const TAKE_ALL = "local v = redis.call('HGETALL', KEYS[1]) redis.call('DEL', KEYS[1]) return v";

export function redisViewStore(client: SharedRedis): SharedViewStore {
  return {
    async firstViewToday(key, day) {
      if (!(await redisAnswers(client))) return null;
      try {
        return (await client.set(`${PREFIX}vu:${day}:${key}`, "1", { condition: "NX", expiration: { type: "EX", value: SEEN_TTL_S } })) === "OK";
      } catch {
        return null;
      }
    },
    async add(fields) {
      if (!(await redisAnswers(client))) return false;
      try {
        const transaction = client.multi();
        for (const field of fields) transaction.hIncrBy(PENDING, field, 1);
        await transaction.exec();
        return true;
      } catch {
        return false;
      }
    },
    async take() {
      if (!(await redisAnswers(client))) return new Map();
      const flat = (await client.eval(TAKE_ALL, { keys: [PENDING] })) as string[];
      const fields = new Map<string, number>();
      for (let index = 0; index + 1 < flat.length; index += 2) fields.set(flat[index] ?? "", Number(flat[index + 1]));
      return fields;
    },
  };
}
