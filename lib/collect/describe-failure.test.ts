import { describe, expect, it } from "vitest";
import { ArmHttpError, MalformedResponseError } from "@/lib/azure/arm-client";
import { KubeHttpError } from "@/lib/kube/kube-client";
import { CallTimeoutError, DeadlineError } from "@/lib/net/call-runner";
import { describeFailure, type FailureContext } from "./describe-failure";

const arm = (status: number, code?: string) => new ArmHttpError(status, code, "denied", "https://arm/x", "agentPools");
const coded = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.4:443`), { code });
const named = (name: string) => Object.assign(new Error("no token"), { name });

describe("describeFailure", () => {
  it.each<[string, unknown, FailureContext, string, RegExp]>([
    ["a credential that cannot get a token", named("CredentialUnavailableError"), "subscriptions", "credential", /AZURE_TENANT_ID/],
    ["an authentication failure", named("AuthenticationError"), "subscriptions", "credential", /az login/],
    ["a subscription without Reader", arm(403, "AuthorizationFailed"), "clusters", "permission", /Reader on the subscription/],
    ["cost without Cost Management Reader", arm(403, "RBACAccessDenied"), "cost", "permission", /Cost Management Reader/],
    ["no cluster user role", arm(403), "clusterCredential", "permission", /Cluster User Role/],
    ["a token for the wrong audience", arm(401, "InvalidAuthenticationToken"), "clusters", "credential", /AZURE_TENANT_ID/],
    ["throttling that outlasted the retries", arm(429), "agentPools", "throttled", /POOLSCOPE_CONCURRENCY/],
    ["server errors that outlasted the retries", arm(503), "agentPools", "unavailable", /next run/],
    ["a cluster API that refuses the credential", new KubeHttpError(403, "/api/v1/nodes", "forbidden"), "kube", "kube-permission", /RBAC Reader/],
    ["an unreachable (private) cluster", coded("ECONNREFUSED"), "kube", "unreachable", /private endpoint/],
    ["a cluster API that times out", new CallTimeoutError("kubeNodes", 30_000), "kube", "timeout", /private cluster/],
    ["a malformed body", new MalformedResponseError("agentPools", "the answer has no `value` list"), "agentPools", "malformed", /documented shape/],
    ["the run's deadline", new DeadlineError(), "machines", "deadline", /POOLSCOPE_RUN_DEADLINE_MINUTES/],
    ["an untrusted certificate", coded("SELF_SIGNED_CERT_IN_CHAIN"), "clusters", "tls", /NODE_EXTRA_CA_CERTS/],
  ])("%s", (_name, error, context, kind, hint) => {
    const failure = describeFailure(error, "/subscriptions/x", context);
    expect(failure.kind).toBe(kind);
    expect(failure.scope).toBe("/subscriptions/x");
    expect(failure.hint).toMatch(hint);
    expect(failure.message.length).toBeGreaterThan(5);
  });
});
