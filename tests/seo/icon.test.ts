// The icons of a blog and of the platform, drawn for real (next/og) and read back pixel by pixel (sharp).
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ICON_SIZES, iconLetter, iconResponse } from "@/lib/seo/icon";

async function pixels(response: Response) {
  const png = Buffer.from(await response.arrayBuffer());
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const offset = (y * info.width + x) * info.channels;
    return `#${[0, 1, 2].map((channel) => (data[offset + channel] ?? 0).toString(16).padStart(2, "0")).join("")}`;
  };
  return { format: (await sharp(png).metadata()).format, width: info.width, height: info.height, at };
}

describe("a blog's icon", () => {
  it("is a PNG of the asked size on the blog's accent colour, its letter in a colour that reads on it", async () => {
    const response = iconResponse({ letter: "V", background: "#1d4e89", size: ICON_SIZES.touch });
    expect(response.headers.get("content-type")).toBe("image/png");
    const icon = await pixels(response);
    expect([icon.format, icon.width, icon.height]).toEqual(["png", 180, 180]);
    // The edge is the accent colour; somewhere across the middle row the white letter is drawn.
    expect(icon.at(2, 90)).toBe("#1d4e89");
    const middleRow = Array.from({ length: 180 }, (_, x) => icon.at(x, 90));
    expect(middleRow).toContain("#ffffff");
  });

  it("takes the first letter of the title, upper case, accents kept; the address's when the title has none", () => {
    expect(iconLetter("écrits du dimanche", "ecrits")).toBe("É");
    expect(iconLetter("« Le jardin » de Mathilde", "jardin")).toBe("L");
    expect(iconLetter("🌿🌿", "herbier")).toBe("H");
    expect(iconLetter("東京日記", "tokyo")).toBe("T");
  });
});
