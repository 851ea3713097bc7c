import { blogRoute, downloadHeaders } from "@/lib/actions/route";
import { subscribersToCsv } from "@/lib/newsletter/csv";
import { listAllSubscribers } from "@/lib/newsletter/queries";

// "Exporter en CSV" of the subscribers page (semicolons, or commas when asked): every subscriber of the blog, for its owner only.
export const GET = blogRoute({
  permission: "subscribers.manage",
  page: (slug) => `/admin/${slug}/abonnes`,
  async run({ request, member }) {
    // ?separateur=virgule: commas, for a spreadsheet not set to French; semicolons otherwise.
    const delimiter = new URL(request.url).searchParams.get("separateur") === "virgule" ? "," : ";";
    const csv = subscribersToCsv(await listAllSubscribers(member.id), delimiter);
    const day = new Date().toISOString().slice(0, 10);
    return { response: new Response(csv, { headers: downloadHeaders("text/csv; charset=utf-8", `abonnes-${member.slug}-${day}.csv`) }) };
  },
});
