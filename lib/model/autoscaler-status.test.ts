import { describe, expect, it } from "vitest";
import { parseLegacyAutoscalerStatus, poolNameFromScaleSet, readAutoscalerStatusDocument } from "./autoscaler-status";

describe("autoscaler status", () => {
  it("reads the YAML document format", () => {
    const status = readAutoscalerStatusDocument({
      time: "2026-01-01 10:00:00.000000 +0000 UTC",
      autoscalerStatus: "Running",
      clusterWide: { health: { status: "Healthy" }, scaleUp: { status: "InProgress" }, scaleDown: { status: "NoCandidates" } },
      nodeGroups: [
        {
          name: "aks-user-12345678-vmss",
          health: { status: "Healthy", nodeCounts: { registered: { total: 3, ready: 2 } }, cloudProviderTarget: 4, minSize: 1, maxSize: 4 },
          scaleUp: { status: "InProgress" },
          scaleDown: { status: "NoCandidates", candidates: 0 },
        },
      ],
    });
    expect(status).toEqual({
      time: "2026-01-01 10:00:00.000000 +0000 UTC",
      status: "Running",
      clusterWide: { health: "Healthy", scaleUp: "InProgress", scaleDown: "NoCandidates" },
      nodeGroups: [{ name: "aks-user-12345678-vmss", health: "Healthy", ready: 2, registered: 3, cloudProviderTarget: 4, minSize: 1, maxSize: 4, scaleUp: "InProgress", scaleDown: "NoCandidates" }],
    });
  });

  it("reads the legacy text format", () => {
    const text = `Cluster-autoscaler status at 2024-01-01 10:00:00.000000000 +0000 UTC:
Cluster-wide:
  Health:      Healthy (ready=5 unready=0 (resourceUnready=0) notStarted=0 longNotStarted=0 registered=5 longUnregistered=0)
               LastProbeTime:      2024-01-01 10:00:00 +0000 UTC
  ScaleUp:     NoActivity (ready=5 registered=5)
  ScaleDown:   CandidatesPresent (candidates=1)

NodeGroups:
  Name:        aks-system-12345678-vmss
  Health:      Healthy (ready=2 unready=0 (resourceUnready=0) notStarted=0 longNotStarted=0 registered=2 longUnregistered=0 cloudProviderTarget=2 (minSize=2, maxSize=3))
  ScaleUp:     NoActivity (ready=2 cloudProviderTarget=2)
  ScaleDown:   NoCandidates (candidates=0)

  Name:        aks-batch-87654321-vmss
  Health:      Healthy (ready=3 unready=0 notStarted=0 longNotStarted=0 registered=3 longUnregistered=0 cloudProviderTarget=10 (minSize=0, maxSize=10))
  ScaleUp:     InProgress (ready=3 cloudProviderTarget=10)
  ScaleDown:   CandidatesPresent (candidates=1)
`;
    const status = parseLegacyAutoscalerStatus(text);
    expect(status.time).toBe("2024-01-01 10:00:00.000000000 +0000 UTC");
    expect(status.clusterWide).toEqual({ health: "Healthy", scaleUp: "NoActivity", scaleDown: "CandidatesPresent" });
    expect(status.nodeGroups).toEqual([
      { name: "aks-system-12345678-vmss", health: "Healthy", ready: 2, registered: 2, cloudProviderTarget: 2, minSize: 2, maxSize: 3, scaleUp: "NoActivity", scaleDown: "NoCandidates" },
      { name: "aks-batch-87654321-vmss", health: "Healthy", ready: 3, registered: 3, cloudProviderTarget: 10, minSize: 0, maxSize: 10, scaleUp: "InProgress", scaleDown: "CandidatesPresent" },
    ]);
  });

  it.each([
    ["aks-system-12345678-vmss", "system"],
    ["AKS-GPU-1-VMSS", "gpu"],
    ["my-own-scale-set", null],
  ])("poolNameFromScaleSet(%s) = %s", (name, pool) => expect(poolNameFromScaleSet(name)).toBe(pool));
});
