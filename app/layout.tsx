import type { Metadata } from "next";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { AppNav, StaticAppNav } from "@/components/shell/app-nav";
import { Providers } from "@/components/shell/providers";
import { RunControl } from "@/components/time-travel/run-control";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Poolscope", template: "%s · Poolscope" },
  description: "AKS node pools across every subscription: inventory, cost, capacity and history.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Providers>
          <header className="shell-header">
            <Link className="brand" href="/">
              Poolscope
            </Link>
            {/* Both read the URL's ?run=N; Suspense lets static pages (not-found) render without it. */}
            <Suspense fallback={<StaticAppNav />}>
              <AppNav />
              <span className="spacer" />
              <RunControl />
            </Suspense>
          </header>
          <main id="main" className="shell-main">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
