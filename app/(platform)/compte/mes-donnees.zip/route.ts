import { Readable } from "node:stream";
import { streamPersonalData } from "@/lib/account/personal-data";
import { downloadHeaders } from "@/lib/actions/route";
import { getSessionUser } from "@/lib/auth/session";

// « Télécharger mes données »: a read of the signed-in person's own data, nobody else's.
export const dynamic = "force-dynamic";

export async function GET() {
  const user = await getSessionUser();
  if (!user) return new Response(null, { status: 303, headers: { Location: `/connexion?retour=${encodeURIComponent("/compte/supprimer")}` } });
  const zip = await streamPersonalData(user.id);
  if (!zip) return new Response(null, { status: 303, headers: { Location: "/connexion" } });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(Readable.toWeb(zip) as ReadableStream<Uint8Array>, { headers: downloadHeaders("application/zip", `carnet-mes-donnees-${day}.zip`) });
}
