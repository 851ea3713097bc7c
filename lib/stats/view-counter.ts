// The visitor counter's memory: which readers were already counted today, and the views counted since
// the last write. Beacons only touch memory; the counts reach the database in one transaction every
// few seconds, so that thousands of beacons a second cost a handful of writes.

export type ViewBatch = {
  blogDays: { blogId: number; day: string; views: number }[];
  postDays: { postId: number; blogId: number; day: string; views: number }[];
  referrerDays: { blogId: number; day: string; domain: string; views: number }[];
};

export type CountedView = { blogId: number; postId: number | null; day: string; referrerDomain: string | null };

/**
 * Where several instances keep the counter's memory together (Redis, lib/stats/shared-views.ts). Each
 * method answers null/false when the store is unreachable: the counter then uses its own memory.
 */
export type SharedViewStore = {
  /** Whether this (reader, page) pair is seen for the first time today by any instance; null when unreachable. */
  firstViewToday: (key: string, day: string) => Promise<boolean | null>;
  /** Adds one view to each of these counts; false when unreachable. */
  add: (fields: string[]) => Promise<boolean>;
  /** Takes (and removes) every count waiting, whichever instance added it. */
  take: () => Promise<Map<string, number>>;
};

export type ViewCounterOptions = {
  save: (batch: ViewBatch) => Promise<void>;
  /** Several instances: the readers seen today and the views not written yet are kept there, this memory is the fallback. */
  shared?: SharedViewStore | null;
  /** How long views wait in memory before they are written (they are written at once on shutdown). */
  flushIntervalMs: number;
  /** How often at most a blog's pages are told that its visitor total moved. */
  refreshIntervalMs: number;
  /** How many (reader, page) pairs are remembered for the day; the oldest are forgotten beyond. */
  maxRemembered: number;
  now?: () => number;
};

/** "2026-11-28": the calendar day (UTC) of an instant, the unit of the daily tables. */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

const SEP = "\u0000";

/** The counts a view adds to, as the shared store's field names (kind, then the key of the memory's maps). */
function fieldsOf(view: CountedView): string[] {
  const fields = [`b${SEP}${view.blogId}${SEP}${view.day}`];
  if (view.postId !== null) fields.push(`p${SEP}${view.postId}${SEP}${view.blogId}${SEP}${view.day}`);
  if (view.referrerDomain !== null) fields.push(`r${SEP}${view.blogId}${SEP}${view.day}${SEP}${view.referrerDomain}`);
  return fields;
}

function bump(map: Map<string, number>, key: string, by: number) {
  map.set(key, (map.get(key) ?? 0) + by);
}

type Counts = { blogDays: Map<string, number>; postDays: Map<string, number>; referrerDays: Map<string, number> };

function bumpField(counts: Counts, field: string, by: number) {
  const key = field.slice(2);
  if (field.startsWith(`b${SEP}`)) bump(counts.blogDays, key, by);
  else if (field.startsWith(`p${SEP}`)) bump(counts.postDays, key, by);
  else if (field.startsWith(`r${SEP}`)) bump(counts.referrerDays, key, by);
}

export class ViewCounter {
  private readonly options: Required<Omit<ViewCounterOptions, "shared">>;
  private readonly shared: SharedViewStore | null;
  private blogDays = new Map<string, number>();
  private postDays = new Map<string, number>();
  private referrerDays = new Map<string, number>();
  private pending = 0;

  private remembered = new Set<string>();
  private rememberedDay = "";

  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private flushChain: Promise<unknown> = Promise.resolve();
  private cycleRunning = false;
  private cycle: Promise<void> = Promise.resolve();
  private stopping = false;
  private wake: (() => void) | null = null;

  private readonly unrefreshed = new Set<number>();
  private readonly lastRefreshAt = new Map<number, number>();

  constructor(options: ViewCounterOptions) {
    const { shared = null, ...own } = options;
    this.options = { now: Date.now, ...own };
    this.shared = shared;
  }

  /** Views counted but not written yet. */
  get pendingViews(): number {
    return this.pending;
  }

  /**
   * Whether this (reader, page) pair is seen for the first time today; remembers it. `key` already
   * carries the reader's daily-salted hash, so nothing here identifies anyone beyond the day.
   */
  firstViewToday(key: string, day: string): boolean {
    if (day !== this.rememberedDay) {
      this.remembered.clear();
      this.rememberedDay = day;
    }
    if (this.remembered.has(key)) return false;
    if (this.remembered.size >= this.options.maxRemembered) {
      // A Set iterates in insertion order: forget the oldest.
      const oldest = this.remembered.values().next();
      if (!oldest.done) this.remembered.delete(oldest.value);
    }
    this.remembered.add(key);
    return true;
  }

  /** firstViewToday, asked of the shared store when there is one (this memory remembers the pair too, for when it is unreachable). */
  async isFirstViewToday(key: string, day: string): Promise<boolean> {
    const local = this.firstViewToday(key, day);
    const shared = this.shared ? await this.shared.firstViewToday(key, day) : null;
    return shared ?? local;
  }

  /** add(), into the shared store when there is one and it answers. */
  async count(view: CountedView): Promise<boolean> {
    if (!this.shared || !(await this.shared.add(fieldsOf(view)))) return this.add(view);
    this.pending += 1;
    return this.claimCycle();
  }

  /**
   * Adds a view to the next write. Returns true when no write cycle is running: the caller must then
   * start `runFlushCycle()` (inside `after()`, so that the server waits for it when it shuts down).
   */
  add(view: CountedView): boolean {
    const counts = { blogDays: this.blogDays, postDays: this.postDays, referrerDays: this.referrerDays };
    for (const field of fieldsOf(view)) bumpField(counts, field, 1);
    this.pending += 1;
    return this.claimCycle();
  }

  private claimCycle(): boolean {
    if (this.cycleRunning) return false;
    this.cycleRunning = true;
    return true;
  }

  /** Writes what is in memory now (one transaction). On failure the counts go back into memory. */
  flush(): Promise<number> {
    const run = this.flushChain.then(() => this.flushOnce());
    this.flushChain = run.catch(() => undefined);
    return run;
  }

  private async flushOnce(): Promise<number> {
    if (this.pending === 0 && !this.shared) return 0;
    const fromShared = this.shared ? await this.shared.take().catch(() => new Map<string, number>()) : new Map<string, number>();
    const taken = { blogDays: this.blogDays, postDays: this.postDays, referrerDays: this.referrerDays, pending: 0 };
    this.blogDays = new Map();
    this.postDays = new Map();
    this.referrerDays = new Map();
    // The views this instance sent to the shared store are taken by this flush or were by another instance's.
    this.pending = 0;
    for (const [field, views] of fromShared) bumpField(taken, field, views);
    // Every view adds one to exactly one blog-day count.
    taken.pending = [...taken.blogDays.values()].reduce((sum, views) => sum + views, 0);
    if (taken.pending === 0) return 0;
    this.lastFlushAt = this.options.now();
    const batch: ViewBatch = {
      blogDays: [...taken.blogDays].map(([key, views]) => {
        const [blogId = "", day = ""] = key.split(SEP);
        return { blogId: Number(blogId), day, views };
      }),
      postDays: [...taken.postDays].map(([key, views]) => {
        const [postId = "", blogId = "", day = ""] = key.split(SEP);
        return { postId: Number(postId), blogId: Number(blogId), day, views };
      }),
      referrerDays: [...taken.referrerDays].map(([key, views]) => {
        const [blogId = "", day = "", domain = ""] = key.split(SEP);
        return { blogId: Number(blogId), day, domain, views };
      }),
    };
    try {
      await this.options.save(batch);
    } catch (error) {
      for (const [key, views] of taken.blogDays) bump(this.blogDays, key, views);
      for (const [key, views] of taken.postDays) bump(this.postDays, key, views);
      for (const [key, views] of taken.referrerDays) bump(this.referrerDays, key, views);
      this.pending += taken.pending;
      throw error;
    }
    for (const row of batch.blogDays) this.unrefreshed.add(row.blogId);
    return taken.pending;
  }

  /**
   * Writes every few seconds while views keep coming; returns once memory is empty. In a route handler,
   * run it inside `after()`: Next.js waits for pending after() work when it is stopped (SIGTERM), and
   * `stop()` makes the cycle write at once.
   */
  runFlushCycle(): Promise<void> {
    this.cycle = this.flushWhileViewsWait();
    return this.cycle;
  }

  private async flushWhileViewsWait(): Promise<void> {
    let failures = 0;
    try {
      while (this.pending > 0) {
        await this.waitForNextFlush();
        try {
          await this.flush();
          failures = 0;
        } catch (error) {
          failures += 1;
          console.error("[compteur] écriture des vues impossible, nouvel essai au prochain passage", error);
          if (this.stopping && failures >= 3) {
            console.error(`[compteur] arrêt : ${this.pending} vues n'ont pas pu être écrites`);
            return;
          }
        }
      }
    } finally {
      this.cycleRunning = false;
    }
  }

  private waitForNextFlush(): Promise<void> {
    const delay = this.lastFlushAt + this.options.flushIntervalMs - this.options.now();
    if (this.stopping || delay <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, delay);
      this.wake = done;
    });
  }

  /** The server is stopping: write now, and write each later view without waiting. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  /** Stops, then waits until what is in memory is written (for a server's own shutdown). */
  async drain(): Promise<void> {
    this.stop();
    await this.cycle;
    if (this.pending > 0 && !this.cycleRunning) {
      this.cycleRunning = true;
      await this.runFlushCycle();
    }
  }

  /** Whether takeRefresh(blogId) would be true now (without taking it). */
  refreshDue(blogId: number): boolean {
    if (!this.unrefreshed.has(blogId)) return false;
    const last = this.lastRefreshAt.get(blogId);
    return last === undefined || this.options.now() - last >= this.options.refreshIntervalMs;
  }

  /**
   * Whether the caller should tell the blog's pages that its visitor total moved (revalidate its tag):
   * true once after views of that blog were written, at most every refreshIntervalMs.
   */
  takeRefresh(blogId: number): boolean {
    if (!this.refreshDue(blogId)) return false;
    this.unrefreshed.delete(blogId);
    this.lastRefreshAt.set(blogId, this.options.now());
    return true;
  }
}
