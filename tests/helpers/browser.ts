import { chromium, type Browser, type BrowserContextOptions } from "playwright-core";

// Debian's Chromium, never a downloaded browser; these flags keep it off the (closed) network.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

export type { Browser, BrowserContextOptions };
