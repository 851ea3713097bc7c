import { AdminNav } from "@/components/admin/admin-nav";
import { UnverifiedNotice } from "@/components/auth/unverified-notice";
import { getSessionUser } from "@/lib/auth/session";
import { getMemberBlog } from "@/lib/blogs/access";

// Pages check access themselves (requireMemberBlog with their own return path); the layout only adds
// the navigation for members.
export default async function BlogAdminLayout({ children, params }: { children: React.ReactNode; params: Promise<{ blog: string }> }) {
  const { blog: slug } = await params;
  const user = await getSessionUser();
  const blog = user ? await getMemberBlog({ userId: user.id, blogSlug: slug }) : null;
  return (
    <>
      {blog ? <AdminNav blog={blog} /> : null}
      {blog && user ? <UnverifiedNotice userId={user.id} /> : null}
      {children}
    </>
  );
}
