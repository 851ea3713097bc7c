import { getSessionUser } from "@/lib/auth/session";
import { getMemberBlog } from "@/lib/blogs/access";
import { subscribersToCsv } from "@/lib/newsletter/csv";
import { listAllSubscribers } from "@/lib/newsletter/queries";
import { platformUrl } from "@/lib/urls";

// "Exporter en CSV" of the subscribers page: every subscriber of the blog, for its owner only.
export async function GET(_request: Request, { params }: { params: Promise<{ blog: string }> }) {
  const { blog: slug } = await params;
  const user = await getSessionUser();
  if (!user) {
    return new Response(null, { status: 303, headers: { Location: platformUrl(`/connexion?retour=${encodeURIComponent(`/admin/${slug}/abonnes`)}`) } });
  }
  const blog = await getMemberBlog({ userId: user.id, blogSlug: slug });
  if (!blog || blog.role !== "owner") return new Response("Seul le propriétaire du blog peut exporter ses abonnés.", { status: 403 });
  const csv = subscribersToCsv(await listAllSubscribers(blog.id));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="abonnes-${blog.slug}-${day}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
