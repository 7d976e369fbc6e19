/**
 * Resource Manager calls through the Azure SDK clients (their credential flow, pipeline and HTTP client), with
 * Poolscope's call policy in front: bounded concurrency per subscription, per-attempt timeouts, retries as ARM and
 * Cost Management ask, counting by kind. The SDK's own retry is off so that every retry is seen and counted once.
 *
 * The collector reads the wire bodies (`pathUnchecked`), not the SDKs' deserialised models: those flatten
 * `properties` and drop what the SDK's api-version does not know, and a snapshot must keep every property as
 * served. Each reader validates what it got with zod before it goes further.
 */
import type { TokenCredential } from "@azure/identity";
import { createComputeManagement } from "@azure/arm-compute/api";
import { createContainerService, type ContainerServiceClientOptionalParams, type ContainerServiceContext } from "@azure/arm-containerservice/api";
import { createSubscription } from "@azure/arm-resources-subscriptions/api";
import type { CallRunner } from "@/lib/net/call-runner";
import { classifyArmCall, subscriptionOfUrl } from "./cloud";

type AdditionalPolicy = NonNullable<ContainerServiceClientOptionalParams["additionalPolicies"]>[number];
type PipelinePolicy = AdditionalPolicy["policy"];
type RestClient = Pick<ContainerServiceContext, "pathUnchecked">;

/** A Resource Manager answer other than 2xx, with ARM's error code and message. */
export class ArmHttpError extends Error {
  override name = "ArmHttpError";
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly armMessage: string | undefined,
    readonly url: string,
    readonly kind: string,
  ) {
    super(`${kind} answered HTTP ${status}${code ? ` ${code}` : ""}${armMessage ? `: ${armMessage}` : ""}`);
  }
}

/** A body that is not what the API documents (not JSON, no `value` list, wrong shape). */
export class MalformedResponseError extends Error {
  override name = "MalformedResponseError";
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(`${kind}: ${message}`);
  }
}

/** The key Cost Management calls are limited under: its limits are per tenant, not per subscription. */
export const COST_MANAGEMENT_KEY = "cost-management";

/** The policy that puts every ARM attempt through the run's CallRunner. */
export function callRunnerPolicy(runner: CallRunner): PipelinePolicy {
  return {
    name: "poolscopeCallRunner",
    sendRequest(request, next) {
      const kind = classifyArmCall(request.url);
      const key = kind === "costQuery" ? COST_MANAGEMENT_KEY : subscriptionOfUrl(request.url);
      return runner.run(
        kind,
        key,
        (signal) => {
          request.abortSignal = signal;
          return next(request);
        },
        (response) => ({ status: response.status, header: (name) => response.headers.get(name) }),
      );
    },
  };
}

export type ArmClientOptions = { credential: TokenCredential; endpoint: string; scope: string; runner: CallRunner };

export type ArmClient = {
  endpoint: string;
  getJson(pathOrUrl: string): Promise<unknown>;
  postJson(pathOrUrl: string, body?: unknown): Promise<unknown>;
  /** Each page's `value` items, following `nextLink` (absolute, as ARM returns it) to the end. */
  pages(pathOrUrl: string): AsyncGenerator<unknown[]>;
};

type RawResponse = { status: string; body: unknown; headers: Record<string, string> };

function errorOf(response: RawResponse, url: string): ArmHttpError {
  const body = response.body as { error?: { code?: unknown; message?: unknown } } | undefined;
  const code = typeof body?.error?.code === "string" ? body.error.code : undefined;
  const message = typeof body?.error?.message === "string" ? body.error.message : typeof response.body === "string" ? response.body.slice(0, 200) : undefined;
  return new ArmHttpError(Number(response.status), code, message, url, classifyArmCall(url));
}

function isParseError(error: unknown): boolean {
  return error instanceof Error && ((error as { code?: string }).code === "PARSE_ERROR" || /parsing the response body/.test(error.message));
}

export function createArmClient({ credential, endpoint, scope, runner }: ArmClientOptions): ArmClient {
  const options = {
    endpoint,
    credentials: { scopes: [scope] },
    retryOptions: { maxRetries: 0 },
    additionalPolicies: [{ policy: callRunnerPolicy(runner), position: "perCall" as const }],
    userAgentOptions: { userAgentPrefix: "poolscope" },
  };
  // The three SDK clients differ only in their default api-versions; each reads its own resource provider.
  const containerService = createContainerService(credential, "unused", options);
  const compute = createComputeManagement(credential, "unused", options);
  const subscriptions = createSubscription(credential, options);
  const clientFor = (url: string): RestClient => {
    const kind = classifyArmCall(url);
    if (kind === "subscriptions") return subscriptions;
    if (kind === "computeUsages") return compute;
    return containerService;
  };

  async function send(method: "get" | "post", pathOrUrl: string, body?: unknown): Promise<unknown> {
    runner.checkRunning();
    let response: RawResponse;
    try {
      const path = clientFor(pathOrUrl).pathUnchecked(pathOrUrl);
      response = (await (method === "get" ? path.get() : path.post({ body: body ?? {}, contentType: "application/json" }))) as RawResponse;
    } catch (error) {
      if (isParseError(error)) throw new MalformedResponseError(classifyArmCall(pathOrUrl), "the answer is not valid JSON");
      throw error;
    }
    const status = Number(response.status);
    if (status < 200 || status >= 300) throw errorOf(response, pathOrUrl);
    return response.body;
  }

  return {
    endpoint,
    getJson: (pathOrUrl) => send("get", pathOrUrl),
    postJson: (pathOrUrl, body) => send("post", pathOrUrl, body),
    async *pages(pathOrUrl) {
      let next: string | undefined = pathOrUrl;
      const seen = new Set<string>();
      while (next) {
        const body = (await send("get", next)) as { value?: unknown; nextLink?: unknown } | null;
        if (!body || typeof body !== "object" || !Array.isArray(body.value)) {
          throw new MalformedResponseError(classifyArmCall(pathOrUrl), "the answer has no `value` list");
        }
        yield body.value;
        const link = body.nextLink;
        if (link !== undefined && link !== null && typeof link !== "string") throw new MalformedResponseError(classifyArmCall(pathOrUrl), "`nextLink` is not a URL");
        // A nextLink seen before would loop forever: stop and say so.
        if (link && seen.has(link)) throw new MalformedResponseError(classifyArmCall(pathOrUrl), "`nextLink` points back at a page already read");
        if (link) seen.add(link);
        next = link || undefined;
      }
    },
  };
}
