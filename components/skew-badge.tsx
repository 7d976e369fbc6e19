import type { VersionSkew } from "@/lib/model/version-skew";

const text: Record<VersionSkew["status"], { label: string; tone: string; title: string }> = {
  same: { label: "same minor", tone: "ok", title: "On the control plane's minor version" },
  behind: { label: "1 minor behind", tone: "ok", title: "One minor behind the control plane: supported" },
  "too-far-behind": { label: "minors behind", tone: "bad", title: "More than one minor behind the control plane: upgrade the pool before the next control-plane upgrade" },
  ahead: { label: "ahead", tone: "bad", title: "Ahead of the control plane: not a state AKS supports" },
  unknown: { label: "unknown", tone: "", title: "A version could not be read" },
};

/** How far a pool's Kubernetes version is from its control plane's; flagged when more than one minor behind or ahead. */
export function SkewBadge({ skew }: { skew: VersionSkew }) {
  const { label, tone, title } = text[skew.status];
  const shown = skew.status === "too-far-behind" ? `${skew.minorsBehind} ${label}` : label;
  return (
    <span className={`badge ${tone}`} title={title} data-skew={skew.status}>
      {shown}
    </span>
  );
}
