import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppNav } from "@/components/shell/app-nav";
import { Providers } from "@/components/shell/providers";
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
            <a className="brand" href="/">
              Poolscope
            </a>
            <AppNav />
          </header>
          <main id="main" className="shell-main">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
