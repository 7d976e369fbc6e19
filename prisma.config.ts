import { defineConfig } from "prisma/config";

// Poolscope applies its SQL migrations itself (lib/store/migrate.ts); this file serves `prisma generate`
// and, where the schema engine is available, `prisma migrate deploy` against DATABASE_URL.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/poolscope" },
});
