/**
 * Version skew between a cluster's control plane and one of its pools. AKS lets a pool run up to N-2 minors behind
 * its control plane but never ahead; Poolscope flags a pool more than one minor behind (the next control-plane
 * upgrade will be blocked or forced) and a pool ahead (a broken state worth a look).
 */
export type SkewStatus = "same" | "behind" | "too-far-behind" | "ahead" | "unknown";

export type VersionSkew = { status: SkewStatus; minorsBehind: number | null };

/** "1.30.6" or "v1.30.6" as [1, 30, 6]; undefined for anything else. */
export function parseKubernetesVersion(version: string | null | undefined): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version?.trim() ?? "");
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

export function versionSkew(controlPlane: string | null | undefined, pool: string | null | undefined): VersionSkew {
  const cp = parseKubernetesVersion(controlPlane);
  const np = parseKubernetesVersion(pool);
  if (!cp || !np) return { status: "unknown", minorsBehind: null };
  // Minor versions across a major bump are not comparable by subtraction; treat a different major as far apart.
  const minorsBehind = cp[0] === np[0] ? cp[1] - np[1] : (cp[0] - np[0]) * 100;
  if (minorsBehind < 0 || (minorsBehind === 0 && np[2] > cp[2])) return { status: "ahead", minorsBehind };
  if (minorsBehind === 0) return { status: "same", minorsBehind };
  return { status: minorsBehind === 1 ? "behind" : "too-far-behind", minorsBehind };
}

/** Whether a skew deserves a flag on the page. */
export function isSkewFlagged(skew: VersionSkew): boolean {
  return skew.status === "too-far-behind" || skew.status === "ahead";
}
