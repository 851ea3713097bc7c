import { z } from "zod";
import { LANGUAGES, MODERATION_MODES, SIDEBAR_WIDGETS } from "@/lib/db/schema";

export const MAX_TITLE_LENGTH = 80;
export const MAX_DESCRIPTION_LENGTH = 300;

let timeZones: Set<string> | undefined;

/** The time zones a blog may use: the ones this server's Intl knows, plus UTC. */
export function listTimeZones(): string[] {
  timeZones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
  return [...timeZones].sort();
}

export function isKnownTimeZone(value: string): boolean {
  return listTimeZones().includes(value);
}

const choice = "admin.settingsInvalidChoice";

/**
 * A blog's settings form. Messages are catalogue keys (see fieldErrorsFrom). The blog's current time zone
 * stays acceptable even if this server's list does not have it, so that the other settings can be saved.
 */
export const settingsSchema = (currentTimeZone?: string) =>
  z.object({
    title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
    description: z.string().trim().max(MAX_DESCRIPTION_LENGTH),
    language: z.enum(LANGUAGES, { message: choice }),
    timeZone: z.string().refine((zone) => zone === currentTimeZone || isKnownTimeZone(zone), { message: "admin.settingsTimeZoneInvalid" }),
    accentColor: z
      .string()
      .trim()
      .refine((value) => /^#[0-9a-f]{6}$/i.test(value), { message: "admin.settingsAccentInvalid" })
      .transform((value) => value.toLowerCase()),
    sidebarWidgets: z.array(z.enum(SIDEBAR_WIDGETS, { message: choice })),
    moderation: z.enum(MODERATION_MODES, { message: choice }),
  });

/** A submitted form, or the fields of one as the action pipeline parsed them (a name may repeat). */
export type SubmittedFields = { get(name: string): unknown; getAll(name: string): unknown[] };

/** The fields of a form as lib/actions/pipeline.ts hands them over (one value, or an array when a name repeats). */
export function submittedFields(fields: Record<string, unknown>): SubmittedFields {
  return { get: (name) => [fields[name]].flat()[0] ?? null, getAll: (name) => (fields[name] === undefined ? [] : [fields[name]].flat()) };
}

/** The submitted form as the schema reads it: ticked widgets once each, in the sidebar's order. */
export function settingsFormInput(formData: SubmittedFields): Record<string, unknown> {
  const ticked = new Set(formData.getAll("sidebarWidgets").filter((value): value is string => typeof value === "string"));
  const known = SIDEBAR_WIDGETS.filter((widget) => ticked.has(widget));
  const unknown = [...ticked].filter((value) => !(SIDEBAR_WIDGETS as readonly string[]).includes(value));
  const text = (name: string) => (typeof formData.get(name) === "string" ? (formData.get(name) as string) : undefined);
  return {
    title: text("title"),
    description: text("description") ?? "",
    language: text("language"),
    timeZone: text("timeZone"),
    accentColor: text("accentColor"),
    sidebarWidgets: [...known, ...unknown],
    moderation: text("moderation"),
  };
}

export const SETTINGS_TEXT_FIELDS = ["title", "description", "language", "timeZone", "accentColor", "moderation"] as const;

/** What the person typed, to show the form again as it was (ticked widgets joined by commas). */
export function settingsFormValues(formData: SubmittedFields): Record<string, string> {
  const text = (name: string) => (typeof formData.get(name) === "string" ? String(formData.get(name)) : "");
  return {
    ...Object.fromEntries(SETTINGS_TEXT_FIELDS.map((name) => [name, text(name)])),
    sidebarWidgets: formData.getAll("sidebarWidgets").map(String).join(","),
  };
}
