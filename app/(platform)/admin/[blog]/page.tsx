import { redirect } from "next/navigation";

export default async function BlogAdminHome({ params }: { params: Promise<{ blog: string }> }) {
  redirect(`/admin/${encodeURIComponent((await params).blog)}/articles`);
}
