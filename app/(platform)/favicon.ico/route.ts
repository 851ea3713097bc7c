import { ICON_SIZES, platformIconRoute } from "@/lib/seo/icon";

// The platform's tab icon (/favicon.ico), drawn at build: it depends on nothing of the deployment.
export const dynamic = "force-static";

export const GET = platformIconRoute(ICON_SIZES.favicon);
