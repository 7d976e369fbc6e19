import { z } from "zod";
import { availableParallelism } from "node:os";

/**
 * All of Poolscope's configuration, read from the environment and validated once. A bad value stops start-up
 * with one line that names the variable, what it holds and what it should hold.
 */

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const httpsUrl = (what: string) =>
  z
    .string()
    .trim()
    .url({ message: `should be an https URL (${what})` })
    .refine((value) => value.startsWith("https://"), { message: `should be an https URL (${what})` })
    .transform((value) => value.replace(/\/+$/, ""));

const positiveInt = (what: string) =>
  z.coerce.number({ message: `should be a whole number (${what})` }).int({ message: `should be a whole number (${what})` }).positive({
    message: `should be a whole number above 0 (${what})`,
  });

const nonNegativeNumber = (what: string) =>
  z.coerce.number({ message: `should be a number (${what})` }).min(0, { message: `should be 0 or more (${what})` });

const nonNegativeInt = (what: string) =>
  z.coerce.number({ message: `should be a whole number (${what})` }).int({ message: `should be a whole number (${what})` }).min(0, {
    message: `should be 0 or more (${what})`,
  });

/** Threads that read clusters' lists beside the collector's (kube-workers.ts): the cores but one, at most 4. */
export function defaultKubeWorkers(cores = availableParallelism()): number {
  return Math.max(0, Math.min(4, cores - 1));
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, { message: "should be a Postgres URL such as postgresql://user:password@127.0.0.1:5432/poolscope" })
      .optional(),
  ),
  POOLSCOPE_DATA_DIR: z.string().trim().min(1).default(".data"),
  POOLSCOPE_SOURCE: z
    .enum(["azure", "emulator"], { message: "should be azure or emulator" })
    .optional(),
  AZURE_TENANT_ID: optionalString,
  AZURE_CLIENT_ID: optionalString,
  AZURE_CLIENT_SECRET: optionalString,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalString,
  AZURE_AUTHORITY_HOST: optionalString.pipe(httpsUrl("the Entra ID authority host, e.g. https://login.microsoftonline.com").optional()),
  POOLSCOPE_ARM_ENDPOINT: httpsUrl("the Resource Manager endpoint, e.g. https://management.azure.com").default("https://management.azure.com"),
  POOLSCOPE_PRICES_ENDPOINT: httpsUrl("the Retail Prices API base, e.g. https://prices.azure.com").default("https://prices.azure.com"),
  POOLSCOPE_ARM_SCOPE: optionalString.pipe(
    z
      .string()
      .regex(/^(https|api):\/\/\S+$/, { message: "should be the token scope for the Resource Manager endpoint, e.g. https://management.azure.com/.default" })
      .optional(),
  ),
  POOLSCOPE_APP_URL: optionalString.pipe(z.string().url({ message: "should be the running app's URL, e.g. http://127.0.0.1:3000" }).optional()),
  POOLSCOPE_SUBSCRIPTIONS: optionalString.transform((value) =>
    value
      ? value
          .split(/[\s,]+/)
          .map((id) => id.trim().toLowerCase())
          .filter(Boolean)
      : undefined,
  ),
  POOLSCOPE_COLLECT_INTERVAL_MINUTES: nonNegativeNumber("minutes between scheduled collections; 0 turns the schedule off").optional(),
  POOLSCOPE_CONCURRENCY: positiveInt("concurrent Azure and Kubernetes calls in all").default(64),
  POOLSCOPE_SUBSCRIPTION_CONCURRENCY: positiveInt("concurrent calls per subscription").default(8),
  POOLSCOPE_KUBE_WORKERS: nonNegativeInt("threads that read clusters' node and pod lists; 0 reads them in the collector's thread").optional(),
  POOLSCOPE_CALL_TIMEOUT_SECONDS: positiveInt("seconds before one call is abandoned and retried").default(30),
  POOLSCOPE_RUN_DEADLINE_MINUTES: positiveInt("minutes a whole collection run may take").default(20),
  POOLSCOPE_COST_DAYS: positiveInt("days of cost history fetched on the first run").default(62),
  POOLSCOPE_NODE_RETENTION_DAYS: positiveInt("days node-level rows are kept").default(14),
  POOLSCOPE_POOL_RETENTION_DAYS: positiveInt("days pool-level rows are kept").default(400),
});

export type Config = {
  nodeEnv: "development" | "production" | "test";
  databaseUrl: string | undefined;
  dataDir: string;
  /** Where collections read from; `emulator` is set by the demo launcher, never guessed. */
  source: "azure" | "emulator";
  azure: {
    tenantId: string | undefined;
    clientId: string | undefined;
    clientSecret: string | undefined;
    clientCertificatePath: string | undefined;
    authorityHost: string | undefined;
    armEndpoint: string;
    pricesEndpoint: string;
    /** The token scope for armEndpoint when it is not one of Azure's public or sovereign clouds. */
    armScope: string | undefined;
    subscriptions: string[] | undefined;
  };
  /** Where `npm run collect` finds the running app, to ask it for a run instead of opening the store itself. */
  appUrl: string;
  collect: {
    /** 0 means no schedule. */
    intervalMinutes: number;
    concurrency: number;
    subscriptionConcurrency: number;
    /** Kube worker threads; 0 reads in the collector's thread. */
    kubeWorkers: number;
    callTimeoutMs: number;
    runDeadlineMs: number;
    costDays: number;
  };
  retention: { nodeDays: number; poolDays: number };
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Parses an environment into a Config, or throws a ConfigError whose message names each bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const value = env[name];
      const shown = value === undefined ? "is not set" : `is ${JSON.stringify(redact(name, value))}`;
      return `${name} ${shown} but ${issue.message.replace(/^Invalid input: /, "")}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = result.data;
  const source = e.POOLSCOPE_SOURCE ?? "azure";
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.POOLSCOPE_DATA_DIR,
    source,
    azure: {
      tenantId: e.AZURE_TENANT_ID,
      clientId: e.AZURE_CLIENT_ID,
      clientSecret: e.AZURE_CLIENT_SECRET,
      clientCertificatePath: e.AZURE_CLIENT_CERTIFICATE_PATH,
      authorityHost: e.AZURE_AUTHORITY_HOST,
      armEndpoint: e.POOLSCOPE_ARM_ENDPOINT,
      pricesEndpoint: e.POOLSCOPE_PRICES_ENDPOINT,
      armScope: e.POOLSCOPE_ARM_SCOPE,
      subscriptions: e.POOLSCOPE_SUBSCRIPTIONS,
    },
    // `npm start` listens on PORT, so a `npm run collect` beside it with the same PORT finds it without more settings.
    appUrl: (e.POOLSCOPE_APP_URL ?? `http://127.0.0.1:${env.PORT ?? "3000"}`).replace(/\/+$/, ""),
    collect: {
      // Against real Azure a schedule is opt-in; the demo collects on its own so history builds up.
      intervalMinutes: e.POOLSCOPE_COLLECT_INTERVAL_MINUTES ?? (source === "emulator" ? 1 : 0),
      concurrency: e.POOLSCOPE_CONCURRENCY,
      subscriptionConcurrency: e.POOLSCOPE_SUBSCRIPTION_CONCURRENCY,
      kubeWorkers: e.POOLSCOPE_KUBE_WORKERS ?? defaultKubeWorkers(),
      callTimeoutMs: e.POOLSCOPE_CALL_TIMEOUT_SECONDS * 1000,
      runDeadlineMs: e.POOLSCOPE_RUN_DEADLINE_MINUTES * 60_000,
      costDays: e.POOLSCOPE_COST_DAYS,
    },
    retention: { nodeDays: e.POOLSCOPE_NODE_RETENTION_DAYS, poolDays: e.POOLSCOPE_POOL_RETENTION_DAYS },
  };
}

function redact(name: string, value: string): string {
  if (/SECRET|PASSWORD/.test(name)) return "***";
  // A database URL may carry a password: show its shape, not the secret.
  return value.replace(/\/\/([^:/@]+):([^@]+)@/, "//$1:***@");
}

let cached: Config | undefined;

/** The process's configuration, parsed on first use. */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests that change the environment. */
export function resetConfigForTests(): void {
  cached = undefined;
}
