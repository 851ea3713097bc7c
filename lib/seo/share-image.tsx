import { ImageResponse } from "next/og";
import { OG_IMAGE_SIZE } from "./metadata";
import { canvasStyle, ogSafeText, textColorOn } from "./og-text";

/**
 * A sharing image (1200×630 PNG): the title large on the blog's accent colour, the blog's name above
 * and a line below (date, or the blog's address). Drawn with next/og's own font, nothing fetched.
 */
export function shareImageResponse(input: { title: string; blogTitle: string; footer: string; accentColor: string }): ImageResponse {
  const ink = textColorOn(input.accentColor);
  const title = ogSafeText(input.title);
  const fontSize = title.length > 90 ? 52 : title.length > 50 ? 64 : 80;
  return new ImageResponse(
    (
      <div
        style={{ ...canvasStyle(input.accentColor), flexDirection: "column", justifyContent: "space-between", padding: "64px 72px" }}
      >
        <div style={{ display: "flex", fontSize: 34, opacity: 0.9, borderBottom: `4px solid ${ink}`, paddingBottom: 20 }}>
          {ogSafeText(input.blogTitle, 70)}
        </div>
        <div style={{ display: "flex", fontSize, lineHeight: 1.15, letterSpacing: -1 }}>{title}</div>
        <div style={{ display: "flex", justifyContent: "space-between", fontSize: 28, opacity: 0.85 }}>
          <span>{ogSafeText(input.footer, 60)}</span>
          <span>Carnet</span>
        </div>
      </div>
    ),
    {
      ...OG_IMAGE_SIZE,
      headers: { "Cache-Control": "public, max-age=86400" },
    },
  );
}
