/**
 * Turns whatever a call threw into a run error a person can act on: what failed, in which scope, and what to do.
 */
import { ArmHttpError, MalformedResponseError } from "@/lib/azure/arm-client";
import { KubeHttpError, KubeMalformedError } from "@/lib/kube/kube-client";
import type { RunError } from "@/lib/model/snapshot";
import { CallTimeoutError, DeadlineError } from "@/lib/net/call-runner";

/** What was being read, which decides the advice. */
export type FailureContext =
  | "credential"
  | "subscriptions"
  | "subscription"
  | "clusters"
  | "agentPools"
  | "machines"
  | "upgradeProfile"
  | "clusterCredential"
  | "kube"
  | "quota"
  | "cost"
  | "prices";

const readerRole: Partial<Record<FailureContext, string>> = {
  subscriptions: "Reader on the subscriptions (or set POOLSCOPE_SUBSCRIPTIONS)",
  subscription: "Reader on the subscription",
  clusters: "Reader on the subscription",
  agentPools: "Reader on the cluster",
  machines: "Reader on the cluster",
  upgradeProfile: "Reader on the cluster",
  quota: "Reader on the subscription",
  cost: "Cost Management Reader on the subscription",
  clusterCredential: "Azure Kubernetes Service Cluster User Role on the cluster",
};

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z][A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isCredentialError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? "";
  return /^(CredentialUnavailableError|AuthenticationError|AggregateAuthenticationError|AuthenticationRequiredError)$/.test(name);
}

function firstLine(text: string): string {
  return text.split("\n")[0].slice(0, 400);
}

export function describeFailure(error: unknown, scope: string, context: FailureContext): RunError {
  const message = error instanceof Error ? firstLine(error.message) : String(error);
  if (isCredentialError(error)) {
    return {
      scope,
      kind: "credential",
      message: `No Azure token: ${message}`,
      hint: "Check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH), the managed or workload identity, or `az login`. For a sovereign cloud set AZURE_AUTHORITY_HOST and POOLSCOPE_ARM_ENDPOINT.",
    };
  }
  if (error instanceof DeadlineError) {
    return { scope, kind: "deadline", message: `Not read: ${message}`, hint: "The next run reads it. If runs often end at the deadline, raise POOLSCOPE_RUN_DEADLINE_MINUTES or POOLSCOPE_CONCURRENCY." };
  }
  if (error instanceof MalformedResponseError || error instanceof KubeMalformedError) {
    return { scope, kind: "malformed", message: `Unexpected answer: ${message}`, hint: "The API answered with something other than its documented shape; the rest of the run is kept. Report it with this run's id if it repeats." };
  }
  if (error instanceof ArmHttpError) {
    if (error.status === 401) {
      return { scope, kind: "credential", message: `Azure refused the token (HTTP 401${error.code ? ` ${error.code}` : ""})`, hint: "The token is for another tenant or audience: check AZURE_TENANT_ID, and POOLSCOPE_ARM_SCOPE for a non-public cloud." };
    }
    if (error.status === 403) {
      return { scope, kind: "permission", message: `No permission (HTTP 403${error.code ? ` ${error.code}` : ""}): ${error.armMessage ?? "access denied"}`, hint: `Grant the identity ${readerRole[context] ?? "Reader"}.` };
    }
    if (error.status === 404) {
      return { scope, kind: "not-found", message: `Not found (HTTP 404${error.code ? ` ${error.code}` : ""})`, hint: context === "subscription" ? "Check the ids in POOLSCOPE_SUBSCRIPTIONS." : "It was deleted while the run read it; the next run will see." };
    }
    if (error.status === 429) {
      return { scope, kind: "throttled", message: `Azure kept throttling (HTTP 429) after the retries`, hint: "The next run reads it. If it happens every run, lower POOLSCOPE_CONCURRENCY or POOLSCOPE_SUBSCRIPTION_CONCURRENCY." };
    }
    if (error.status >= 500) {
      return { scope, kind: "unavailable", message: `Azure answered HTTP ${error.status} after the retries`, hint: "A passing Azure problem: the next run reads it again." };
    }
    return { scope, kind: "http", message, hint: "Unexpected answer from Azure; the next run tries again." };
  }
  if (error instanceof KubeHttpError) {
    if (error.status === 401 || error.status === 403) {
      return {
        scope,
        kind: "kube-permission",
        message: `The cluster's API refused the credential (HTTP ${error.status})${error.reason ? `: ${error.reason}` : ""}`,
        hint: "Give the identity read access in the cluster (e.g. the Azure Kubernetes Service RBAC Reader role, or a ClusterRole that can list nodes, pods and events and get the cluster-autoscaler-status ConfigMap). The Azure-side inventory is kept.",
      };
    }
    return { scope, kind: "kube-http", message, hint: "The Azure-side inventory is kept; the next run tries the cluster's API again." };
  }
  if (error instanceof CallTimeoutError) {
    return {
      scope,
      kind: "timeout",
      message: `${message}, also after the retries`,
      hint: context === "kube" ? "The cluster's API server did not answer in time (private cluster or overloaded API server?). The Azure-side inventory is kept." : "Raise POOLSCOPE_CALL_TIMEOUT_SECONDS if this scope is simply slow.",
    };
  }
  const code = errorCode(error);
  if (code && /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET|ETIMEDOUT)$/.test(code)) {
    return {
      scope,
      kind: "unreachable",
      message: `Could not reach ${context === "kube" ? "the cluster's API server" : "Azure"} (${code})`,
      hint:
        context === "kube"
          ? "A private cluster, or a network path that is closed: run Poolscope where it can reach the API server (inside the VNet or through its private endpoint). The Azure-side inventory is kept."
          : "Check the network path to the endpoint (proxy, firewall, DNS) and POOLSCOPE_ARM_ENDPOINT.",
    };
  }
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return { scope, kind: "tls", message: `TLS failed (${code})`, hint: "The server's certificate is not trusted: add its CA through NODE_EXTRA_CA_CERTS." };
  }
  return { scope, kind: "error", message, hint: "Unexpected failure; the rest of the run is kept. The server log has the details." };
}
