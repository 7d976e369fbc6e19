/** How each service answers when it is throttled or failing, so an injected fault looks like the real thing. */
import { randomUUID } from "node:crypto";
import { armError, json, kubeStatus, type EmulatorRequest, type Reply, type RouteKind } from "./http";
import { QPU_WINDOWS } from "./throttle";

const ARM_ERROR_CODES: Record<number, [string, string]> = {
  400: ["BadRequest", "The request is invalid."],
  403: ["AuthorizationFailed", "The client does not have authorization to perform this action."],
  404: ["ResourceNotFound", "The resource was not found."],
  408: ["RequestTimeout", "The request timed out."],
  409: ["Conflict", "The request conflicts with the current state of the resource."],
  500: ["InternalServerError", "An internal server error occurred. Please retry the request."],
  502: ["BadGateway", "The gateway received an invalid response from the upstream server."],
  503: ["ServiceUnavailable", "The service is temporarily unavailable. Please retry the request."],
  504: ["GatewayTimeout", "The gateway did not receive a response from 'Microsoft.ContainerService' within the specified time period."],
};

const KUBE_REASONS: Record<number, string> = { 400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 409: "Conflict", 500: "InternalError", 503: "ServiceUnavailable", 504: "Timeout" };

export function qpuHeaders(consumed: number, remaining: Record<string, number>): Record<string, string> {
  return {
    "x-ms-ratelimit-microsoft.costmanagement-qpu-consumed": String(consumed),
    "x-ms-ratelimit-microsoft.costmanagement-qpu-remaining": QPU_WINDOWS.map((w) => `${w.name}:${remaining[w.name] ?? w.limit}`).join(";"),
  };
}

export function armThrottled(request: EmulatorRequest, clientId: string, retryAfterSeconds: number, write = false): Reply {
  const scope = request.subscriptionId ? `subscription '${request.subscriptionId}'` : "tenant";
  const kind = write ? "writes" : "reads";
  return armError(
    429,
    request.subscriptionId ? "SubscriptionRequestsThrottled" : "TenantRequestsThrottled",
    `Number of '${write ? "write" : "read"}' requests for ${scope} actor '${clientId}' exceeded. Please try again after '${retryAfterSeconds}' seconds after the additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`,
    { "Retry-After": String(retryAfterSeconds), [`x-ms-ratelimit-remaining-${request.subscriptionId ? "subscription" : "tenant"}-${kind}`]: "0" },
  );
}

export function costThrottled(retryAfterSeconds: number, consumed: number, remaining: Record<string, number>): Reply {
  return armError(429, "429", `Too many requests. Please retry after ${retryAfterSeconds} seconds.`, {
    "x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after": String(retryAfterSeconds),
    ...qpuHeaders(consumed, remaining),
  });
}

export function throttleReply(kind: RouteKind, request: EmulatorRequest, clientId: string, retryAfterSeconds: number): Reply {
  const retry = { "Retry-After": String(retryAfterSeconds) };
  switch (kind) {
    case "arm":
      return armThrottled(request, clientId, retryAfterSeconds, request.method !== "GET");
    case "cost": {
      const reply = costThrottled(retryAfterSeconds, 0, Object.fromEntries(QPU_WINDOWS.map((w) => [w.name, 0])));
      return { ...reply, headers: { ...reply.headers, ...retry } };
    }
    case "kube":
      return { ...kubeStatus(429, "TooManyRequests", "Too many requests, please try again later.", { retryAfterSeconds }), headers: retry };
    case "token":
      return json(429, { error: "temporarily_unavailable", error_description: "AADSTS50196: The server terminated an operation because it encountered a client request loop.", error_codes: [50196], trace_id: randomUUID(), correlation_id: randomUUID() }, retry);
    default:
      return json(429, { Message: `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.` }, retry);
  }
}

export function errorReply(kind: RouteKind, status: number, code?: string, message?: string, retryAfterSeconds?: number): Reply {
  const headers = retryAfterSeconds !== undefined ? { "Retry-After": String(retryAfterSeconds) } : undefined;
  const [defaultCode, defaultMessage] = ARM_ERROR_CODES[status] ?? [status >= 500 ? "InternalServerError" : "BadRequest", `The request failed with status ${status}.`];
  switch (kind) {
    case "kube":
      return { ...kubeStatus(status, code ?? KUBE_REASONS[status] ?? "InternalError", message ?? defaultMessage), headers };
    case "token":
      return json(status, { error: code ?? (status >= 500 ? "server_error" : "invalid_request"), error_description: message ?? `AADSTS90033: A transient error has occurred. Please try again.`, error_codes: [90033], trace_id: randomUUID(), correlation_id: randomUUID() }, headers);
    case "prices":
      return json(status, { Message: message ?? defaultMessage }, headers);
    default:
      return armError(status, code ?? defaultCode, message ?? defaultMessage, headers);
  }
}

/** Removes the named properties wherever they occur in a JSON body. */
export function omitFields(body: unknown, fields: ReadonlySet<string>): unknown {
  if (Array.isArray(body)) return body.map((x) => omitFields(x, fields));
  if (body && typeof body === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) if (!fields.has(k)) out[k] = omitFields(v, fields);
    return out;
  }
  return body;
}
