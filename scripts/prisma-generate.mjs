// `prisma generate` needs no schema engine, but the CLI insists that PRISMA_SCHEMA_ENGINE_BINARY names an
// existing file before it will start without downloading one (these machines cannot reach the download host).
import { spawnSync } from "node:child_process";

const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1", PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath };
const result = spawnSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
