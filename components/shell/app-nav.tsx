"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { withRun } from "@/lib/hrefs";
import { parseWholeParam } from "@/lib/model/run-param";
import { navItems } from "./nav-items";

/** The main navigation; while looking at the past (`?run=N`) it stays in the past. */
export function AppNav() {
  const pathname = usePathname();
  const run = parseWholeParam(useSearchParams().get("run") ?? undefined);
  return (
    <nav aria-label="Main">
      {navItems.map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        const href = "travels" in item && item.travels ? withRun(item.href, run) : item.href;
        return (
          <Link key={item.href} href={href} aria-current={active ? "page" : undefined}>
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}

/** The same links before the URL is known (statically rendered pages). */
export function StaticAppNav() {
  return (
    <nav aria-label="Main">
      {navItems.map((item) => (
        <Link key={item.href} href={item.href}>
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
