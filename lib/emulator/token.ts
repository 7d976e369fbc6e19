/**
 * The Entra ID side: an OpenID discovery document and a client-credentials token endpoint that MSAL (through
 * @azure/identity's ClientSecretCredential) accepts, and verification of the bearer tokens it issues.
 * Tokens are HS256 JWTs signed with a key made at start-up, valid for an hour of real time.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { json, type Reply } from "./http";

export type TokenService = {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  openIdConfiguration(baseUrl: string, tenant: string): Reply;
  instanceDiscovery(baseUrl: string): Reply;
  issue(baseUrl: string, tenant: string, form: URLSearchParams): Reply;
  /** undefined when the Authorization header holds a valid token of ours, else the reason. */
  verify(authorization: string | undefined): string | undefined;
};

const TOKEN_LIFETIME_S = 3600;

function aadError(status: number, error: string, code: number, description: string): Reply {
  const now = new Date().toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
  return json(status, {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${now}`,
    error_codes: [code],
    timestamp: now,
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  });
}

export function createTokenService(options: { tenantId: string; clientId: string; clientSecret?: string }): TokenService {
  const key = randomBytes(32);
  const clientSecret = options.clientSecret ?? `emu~${randomBytes(24).toString("base64url")}`;
  const { tenantId, clientId } = options;
  const sign = (payload: Record<string, unknown>) => {
    const header = Buffer.from(JSON.stringify({ typ: "JWT", alg: "HS256", kid: "poolscope-emulator" })).toString("base64url");
    const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
    const signature = createHmac("sha256", key).update(`${header}.${body}`).digest("base64url");
    return `${header}.${body}.${signature}`;
  };

  return {
    tenantId,
    clientId,
    clientSecret,
    openIdConfiguration(baseUrl, tenant) {
      const t = tenant.toLowerCase() === "organizations" || tenant.toLowerCase() === "common" ? "{tenantid}" : tenant;
      return json(200, {
        token_endpoint: `${baseUrl}/${t}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
        jwks_uri: `${baseUrl}/${t}/discovery/v2.0/keys`,
        response_modes_supported: ["query", "fragment", "form_post"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        scopes_supported: ["openid", "profile", "email", "offline_access"],
        issuer: `${baseUrl}/${t}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${baseUrl}/oidc/userinfo`,
        authorization_endpoint: `${baseUrl}/${t}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${baseUrl}/${t}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${baseUrl}/${t}/oauth2/v2.0/logout`,
        claims_supported: ["sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce", "tid", "ver", "oid"],
        kerberos_endpoint: `${baseUrl}/${t}/kerberos`,
        tenant_region_scope: "EU",
        cloud_instance_name: "poolscope.emulator",
        cloud_graph_host_name: "graph.windows.net",
        msgraph_host: "graph.microsoft.com",
        rbac_url: "https://pas.windows.net",
      });
    },
    instanceDiscovery(baseUrl) {
      const host = new URL(baseUrl).host;
      return json(200, {
        tenant_discovery_endpoint: `${baseUrl}/{tenant}/v2.0/.well-known/openid-configuration`,
        "api-version": "1.1",
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      });
    },
    issue(baseUrl, tenant, form) {
      if (tenant.toLowerCase() !== tenantId.toLowerCase()) {
        return aadError(400, "invalid_request", 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
      }
      const grant = form.get("grant_type");
      if (grant !== "client_credentials") return aadError(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grant ?? ""}'.`);
      if (form.get("client_id") !== clientId) {
        return aadError(400, "unauthorized_client", 700016, `Application with identifier '${form.get("client_id") ?? ""}' was not found in the directory '${tenant}'.`);
      }
      const secret = Buffer.from(form.get("client_secret") ?? "");
      const expected = Buffer.from(clientSecret);
      if (secret.length !== expected.length || !timingSafeEqual(secret, expected)) {
        return aadError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
      }
      const scope = form.get("scope") ?? "";
      const resource = scope.split(" ").find((s) => s.endsWith("/.default"))?.replace(/\/\.default$/, "") ?? "https://management.azure.com";
      const now = Math.floor(Date.now() / 1000);
      const accessToken = sign({
        aud: resource,
        iss: `${baseUrl}/${tenantId}/`,
        iat: now,
        nbf: now,
        exp: now + TOKEN_LIFETIME_S,
        appid: clientId,
        appidacr: "1",
        idp: `${baseUrl}/${tenantId}/`,
        idtyp: "app",
        oid: clientId,
        sub: clientId,
        tid: tenantId,
        ver: "1.0",
      });
      return json(200, { token_type: "Bearer", expires_in: TOKEN_LIFETIME_S, ext_expires_in: TOKEN_LIFETIME_S, access_token: accessToken });
    },
    verify(authorization) {
      if (!authorization) return "The 'Authorization' header is missing.";
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) return "The 'Authorization' header is invalid.";
      const parts = match[1].split(".");
      if (parts.length !== 3) return "The access token is invalid.";
      const expected = createHmac("sha256", key).update(`${parts[0]}.${parts[1]}`).digest();
      const given = Buffer.from(parts[2], "base64url");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "The access token has an invalid signature.";
      try {
        const payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as { exp?: number };
        if (!payload.exp || payload.exp * 1000 < Date.now()) return "The access token expiry UTC time is earlier than current UTC time.";
      } catch {
        return "The access token is invalid.";
      }
      return undefined;
    },
  };
}
