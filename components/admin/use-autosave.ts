"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { autosaveEditorPost } from "@/lib/posts/actions";

/** A pause in typing this long saves. */
const PAUSE_MS = 2_500;
/** While typing without a pause, a save at least this often. */
const MAX_WAIT_MS = 30_000;
/** After a failed save (no connection), how soon to try again, typing or not. */
const RETRY_MS = 15_000;

export type Text = { title: string; body: string };
export type LocalCopy = Text & { at: number };
export type SaveState =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: number; pending: boolean }
  | { kind: "offline" }
  | { kind: "refused"; error: string }
  | { kind: "conflict"; other: Text & { editVersion: number; savedAt: number } };

const localKey = (blogId: number, postId: number | undefined) => `carnet:brouillon:${blogId}:${postId ?? "nouveau"}`;

function readLocal(key: string): LocalCopy | null {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(key) ?? "null") as Partial<LocalCopy> | null;
    return parsed && typeof parsed.title === "string" && typeof parsed.body === "string" && typeof parsed.at === "number" ? (parsed as LocalCopy) : null;
  } catch {
    return null;
  }
}

function writeLocal(key: string, copy: LocalCopy | null): boolean {
  try {
    if (copy) window.localStorage.setItem(key, JSON.stringify(copy));
    else window.localStorage.removeItem(key);
    return true;
  } catch {
    return false;
  }
}

/**
 * The editor's autosave: a copy in the browser at each change (for when the server cannot be reached),
 * a save to the server after each pause and at least every 30 s, and the other version when another
 * tab saved in between. `read` gives the text as it is now; `onCreated` is told a new post's id.
 */
export function useAutosave(input: {
  blogId: number;
  postId: number | undefined;
  editVersion: number;
  saved: Text;
  savedAt: number;
  read: () => Text;
  paused: boolean;
  onCreated: (postId: number) => void;
}) {
  const { blogId, read, onCreated } = input;
  const [postId, setPostId] = useState(input.postId);
  const [version, setVersion] = useState(input.editVersion);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  // What the server holds: a text equal to it needs no save.
  const saved = useRef<Text>(input.saved);
  const live = useRef({ postId, version, paused: input.paused, conflict: false });
  useLayoutEffect(() => {
    live.current = { postId, version, paused: input.paused, conflict: state.kind === "conflict" };
  });
  const inflight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const timers = useRef<{ pause?: ReturnType<typeof setTimeout>; max?: ReturnType<typeof setTimeout> }>({});
  // The latest save, for the one asked for again while another was on its way.
  const saveAgain = useRef<() => Promise<void>>(() => Promise.resolve());
  const [found, setFound] = useState<LocalCopy | null>(null);

  const clearTimers = useCallback(() => {
    clearTimeout(timers.current.pause);
    clearTimeout(timers.current.max);
    timers.current = {};
  }, []);

  const save = useCallback((): Promise<void> => {
    if (inflight.current) {
      again.current = true;
      return inflight.current;
    }
    const { postId: id, version: base, paused, conflict } = live.current;
    if (paused || conflict) return Promise.resolve();
    const text = read();
    if (text.title === saved.current.title && text.body === saved.current.body) return Promise.resolve();
    if (id === undefined && text.title.trim() === "" && text.body.trim() === "") return Promise.resolve();
    clearTimers();
    setState({ kind: "saving" });
    const run = autosaveEditorPost({ blogId, postId: id, baseVersion: base, title: text.title, body: text.body })
      .then((result) => {
        if (!result.ok) return setState({ kind: "refused", error: result.error });
        if (result.conflict) return setState({ kind: "conflict", other: result.conflict });
        saved.current = text;
        // Synchronously: a form sent right after this save must carry the new id and version.
        flushSync(() => {
          if (result.editVersion !== undefined) setVersion(result.editVersion);
          if (id === undefined && result.postId !== undefined) setPostId(result.postId);
        });
        if (id === undefined && result.postId !== undefined) {
          const copy = readLocal(localKey(blogId, undefined));
          writeLocal(localKey(blogId, undefined), null);
          if (copy) writeLocal(localKey(blogId, result.postId), copy);
          onCreated(result.postId);
        }
        const key = localKey(blogId, id ?? result.postId);
        const copy = readLocal(key);
        if (copy && copy.title === text.title && copy.body === text.body) writeLocal(key, null);
        setState({ kind: "saved", at: result.savedAt ?? Date.now(), pending: result.pending === true });
      })
      .catch(() => setState({ kind: "offline" }))
      .finally(() => {
        inflight.current = null;
        if (again.current) {
          again.current = false;
          void saveAgain.current();
        }
      });
    inflight.current = run;
    return run;
  }, [blogId, read, onCreated, clearTimers]);

  useEffect(() => {
    saveAgain.current = save;
  }, [save]);

  // Without a connection, the text is tried again now and then, typing or not.
  useEffect(() => {
    if (state.kind !== "offline") return;
    const retry = setTimeout(() => void save(), RETRY_MS);
    return () => clearTimeout(retry);
  }, [state.kind, save]);

  /** Called at each change: the local copy now, the server after a pause (or 30 s of typing). */
  const changed = useCallback(() => {
    const text = read();
    writeLocal(localKey(blogId, live.current.postId), { ...text, at: Date.now() });
    clearTimeout(timers.current.pause);
    timers.current.pause = setTimeout(() => void save(), PAUSE_MS);
    timers.current.max ??= setTimeout(() => void save(), MAX_WAIT_MS);
  }, [blogId, read, save]);

  /** The text the server now holds after a save of the whole form (its new version). */
  const savedByForm = useCallback((text: Text, editVersion: number | undefined) => {
    clearTimers();
    saved.current = text;
    if (editVersion !== undefined) setVersion(editVersion);
    writeLocal(localKey(blogId, live.current.postId), null);
    setState({ kind: "idle" });
  }, [blogId, clearTimers]);

  /** « Garder la mienne »: this text replaces the other version. « Prendre l'autre version »: the reverse. */
  const resolveConflict = useCallback(
    (keepMine: boolean) => {
      if (state.kind !== "conflict") return null;
      const other = state.other;
      live.current.conflict = false;
      live.current.version = other.editVersion;
      flushSync(() => {
        setVersion(other.editVersion);
        setState({ kind: "idle" });
      });
      if (keepMine) {
        void save();
        return null;
      }
      saved.current = { title: other.title, body: other.body };
      writeLocal(localKey(blogId, live.current.postId), null);
      return other;
    },
    [state, save, blogId],
  );

  // On opening: a copy left in this browser that the server does not have is offered back.
  useEffect(() => {
    const key = localKey(blogId, input.postId);
    const copy = readLocal(key);
    if (!copy) return;
    const same = copy.title === input.saved.title && copy.body === input.saved.body;
    if (same || copy.at < input.savedAt) writeLocal(key, null);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only once in the browser
    else setFound(copy);
    // Only on opening: the server's text of that moment is the one to compare with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const dismissFound = useCallback(() => {
    writeLocal(localKey(blogId, live.current.postId), null);
    setFound(null);
  }, [blogId]);

  useEffect(() => clearTimers, [clearTimers]);

  return { postId, version, state, save, changed, savedByForm, resolveConflict, found, takeFound: () => setFound(null), dismissFound, inflight };
}
