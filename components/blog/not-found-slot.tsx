"use client";

import { createContext, useContext, type ReactNode } from "react";

// A blog's 404 is rendered inside the blog's layout, but Next hands not-found.tsx no params: the layout,
// which knows the blog, gives it the page to show (already rendered on the server) through this context.
const NotFoundPage = createContext<ReactNode>(null);

export function NotFoundSlot({ page, children }: { page: ReactNode; children: ReactNode }) {
  return <NotFoundPage.Provider value={page}>{children}</NotFoundPage.Provider>;
}

/** The blog's own 404 page, as its layout rendered it. */
export function NotFoundFromLayout() {
  return useContext(NotFoundPage);
}
