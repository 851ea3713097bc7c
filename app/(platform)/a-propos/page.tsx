import type { Metadata } from "next";
import { ContentPage } from "@/components/platform/content-page";
import AboutContent from "@/content/pages/a-propos.mdx";
import { platformUrl } from "@/lib/urls";

// Rendered per request, not at build: its links carry the address the server is started with.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "À propos",
  description: "Carnet, plateforme libre d’hébergement de blogs : ce qu’elle promet et qui la fait.",
  alternates: { canonical: platformUrl("/a-propos") },
};

export default function AboutPage() {
  return (
    <ContentPage>
      <AboutContent />
    </ContentPage>
  );
}
