import { ICON_SIZES, platformIconRoute } from "@/lib/seo/icon";

// The platform's home-screen icon (/apple-touch-icon.png), drawn at build: it depends on nothing of the deployment.
export const dynamic = "force-static";

export const GET = platformIconRoute(ICON_SIZES.touch);
