import type { Metadata } from "next";
import { ContentPage } from "@/components/platform/content-page";
import HelpContent from "@/content/pages/aide.mdx";
import { platformUrl } from "@/lib/urls";

// Rendered per request, not at build: its links carry the address the server is started with.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Aide",
  description: "Ouvrir un blog, écrire un article, suivre un blog, commenter : l’aide de Carnet.",
  alternates: { canonical: platformUrl("/aide") },
};

export default function HelpPage() {
  return (
    <ContentPage>
      <HelpContent />
    </ContentPage>
  );
}
