import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite (WASM + data files), the Prisma runtime and the Azure/Kubernetes SDKs load files at run time
  // relative to their package: keep them out of the server bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "@azure/identity",
    "@azure/msal-node",
    "@kubernetes/client-node",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;
