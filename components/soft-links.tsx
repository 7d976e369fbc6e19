"use client";

import type { ReactNode } from "react";
import { useSoftLinks } from "@/components/hooks/use-soft-links";

/** A server-rendered block of plain links, followed in place (useSoftLinks) without a Link component apiece. */
export function SoftLinks({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <div className={className} {...useSoftLinks()}>
      {children}
    </div>
  );
}
