/** Kubernetes versions and node images the estates use (late 2026: 1.34 newest, 1.29 long out of support). */
export const KUBERNETES_VERSIONS = ["1.29.15", "1.30.14", "1.31.13", "1.32.9", "1.33.5", "1.34.2"] as const;
export const LATEST_VERSION = "1.34.2";

export const NODE_IMAGES = {
  ubuntu: ["AKSUbuntu-2204gen2containerd-202508.20.1", "AKSUbuntu-2204gen2containerd-202510.03.0", "AKSUbuntu-2204gen2containerd-202511.07.0"],
  ubuntuArm: ["AKSUbuntu-2204gen2arm64containerd-202510.03.0", "AKSUbuntu-2204gen2arm64containerd-202511.07.0"],
  azureLinux: ["AKSAzureLinux-V3gen2-202510.03.0", "AKSAzureLinux-V3gen2-202511.07.0"],
  windows: ["AKSWindows-2022-containerd-20348.4171.250910", "AKSWindows-2022-containerd-20348.4294.251019"],
} as const;

export function latestImage(kind: keyof typeof NODE_IMAGES): string {
  const list = NODE_IMAGES[kind];
  return list[list.length - 1];
}

export function minorOf(version: string): number {
  return Number(version.split(".")[1] ?? 0);
}

/** Versions a pool may upgrade to: newer than its own, not newer than the control plane. */
export function upgradesFor(poolVersion: string, controlPlaneVersion: string): string[] {
  return KUBERNETES_VERSIONS.filter((v) => compareVersions(v, poolVersion) > 0 && compareVersions(v, controlPlaneVersion) <= 0);
}

/** Versions the control plane may move to: the next minor's releases and newer patches of its own. */
export function controlPlaneUpgrades(version: string): string[] {
  return KUBERNETES_VERSIONS.filter((v) => compareVersions(v, version) > 0 && minorOf(v) <= minorOf(version) + 1);
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The image a kubelet of that version reports, e.g. "Ubuntu 22.04.5 LTS". */
export function osImageFor(nodeImageVersion: string): { osImage: string; kernel: string; osSku: string } {
  if (nodeImageVersion.startsWith("AKSWindows")) return { osImage: "Windows Server 2022 Datacenter", kernel: "10.0.20348.4294", osSku: "Windows2022" };
  if (nodeImageVersion.startsWith("AKSAzureLinux")) return { osImage: "Microsoft Azure Linux 3.0", kernel: "6.6.104.2-1.azl3", osSku: "AzureLinux" };
  return { osImage: "Ubuntu 22.04.5 LTS", kernel: "5.15.0-1096-azure", osSku: "Ubuntu" };
}
