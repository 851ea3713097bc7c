import { blogRoute, downloadHeaders } from "@/lib/actions/route";
import { subscribersToCsv } from "@/lib/newsletter/csv";
import { listAllSubscribers } from "@/lib/newsletter/queries";

// "Exporter en CSV" of the subscribers page: every subscriber of the blog, for its owner only.
export const GET = blogRoute({
  permission: "subscribers.manage",
  page: (slug) => `/admin/${slug}/abonnes`,
  async run({ member }) {
    const csv = subscribersToCsv(await listAllSubscribers(member.id));
    const day = new Date().toISOString().slice(0, 10);
    return { response: new Response(csv, { headers: downloadHeaders("text/csv; charset=utf-8", `abonnes-${member.slug}-${day}.csv`) }) };
  },
});
