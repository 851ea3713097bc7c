// The generated sharing images use the font that ships with next/og (Geist). For a character it lacks,
// next/og would fetch a font or emoji from the network, which a server may not reach: such characters
// are left out of the image (the page's own title keeps them).
const OUTSIDE_FONT =
  /[^\u0020-\u007E\u00A0-\u00AC\u00AE-\u0113\u0116-\u012B\u012E-\u0137\u0139-\u013E\u0141-\u0148\u014A-\u014D\u0150-\u017E\u2013\u2014\u2018\u2019\u201A\u201C\u201D\u201E\u2026\u20AC]/gu;

/** A title as the sharing image can draw it, cut to `max` characters. */
export function ogSafeText(text: string, max = 140): string {
  const kept = text.replace(OUTSIDE_FONT, "").replace(/\s+/g, " ").trim();
  return kept.length > max ? `${kept.slice(0, max - 1).trimEnd()}…` : kept;
}

/** Black or white, whichever reads better on a background colour ("#rrggbb"). */
export function textColorOn(background: string): "#ffffff" | "#1f1b16" {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(background.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  // Contrast with white is (1.05)/(L+0.05); with near-black about (L+0.05)/0.06.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.06 ? "#ffffff" : "#1f1b16";
}

/** The style of a generated image's outer box: the whole canvas, on `background`, its text in the colour that reads there. */
export function canvasStyle(background: string) {
  return { width: "100%", height: "100%", display: "flex", background, color: textColorOn(background) } as const;
}
