/**
 * The workload model: how many replicas a pool's app wants at an instant, and how many fit on one node.
 * Pure functions of (workload, time), so the past can be replayed for cost and the present for scaling.
 */
import type { Workload } from "../estate/types";
import { aksReserved, nodeMemoryCapacityBytes, vmSizeOrDefault } from "../estate/vm-sizes";
import { unit } from "../estate/random";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Business-day curve over the local hour: quiet at night, a ramp in the morning, a peak mid-afternoon. */
function businessCurve(localHour: number): number {
  if (localHour < 6 || localHour >= 23) return 0.1;
  const x = Math.sin((Math.PI * (localHour - 6)) / 17);
  const lunch = localHour >= 12 && localHour < 13.5 ? 0.08 : 0;
  return Math.min(1, 0.1 + 0.9 * x * x + lunch);
}

function localTime(workload: Workload, tMs: number): { hour: number; weekend: boolean } {
  const local = new Date(tMs + workload.utcOffsetHours * HOUR);
  const day = local.getUTCDay();
  return { hour: local.getUTCHours() + local.getUTCMinutes() / 60, weekend: day === 0 || day === 6 };
}

/** The share (0..~1.4) of the workload's replica range in use at tMs. Keyed by `key` so pools differ. */
export function demandShape(workload: Workload, key: string, tMs: number): number {
  const { hour, weekend } = localTime(workload, tMs);
  const slot10 = Math.floor(tMs / (10 * 60_000));
  const noise = 1 + 0.08 * (unit(key, "noise", slot10) - 0.5);
  switch (workload.pattern) {
    case "none":
    case "system":
      return 0;
    case "steady":
      return 0.5 * noise;
    case "diurnal":
      return businessCurve(hour) * (weekend ? 0.55 : 1) * noise;
    case "bursty": {
      // Ingestion: a high floor with bursts every few quarter-hours that overshoot what the pool may grow to.
      const slot15 = Math.floor(tMs / (15 * 60_000));
      const u = unit(key, "burst", slot15);
      const burst = u < 0.55 ? 0.45 + u : 0;
      return (0.45 + 0.2 * businessCurve(hour) + burst) * noise;
    }
    case "batch": {
      if (hour < 5) return 1;
      const u = unit(key, "job", Math.floor(tMs / HOUR));
      return u < 0.3 ? 0.55 * noise : 0.04;
    }
    case "training":
      return weekend ? 0.6 : 1;
  }
}

export function growthFactor(workload: Workload, tMs: number, anchorMs: number): number {
  return Math.pow(1 + workload.growthPerMonth, (tMs - anchorMs) / (30 * DAY));
}

export function replicasAt(workload: Workload, key: string, tMs: number, anchorMs: number): number {
  if (workload.pattern === "none") return 0;
  if (workload.pattern === "system") return workload.minReplicas;
  const shape = demandShape(workload, key, tMs);
  const range = workload.maxReplicas - workload.minReplicas;
  return Math.max(0, Math.round((workload.minReplicas + range * shape) * growthFactor(workload, tMs, anchorMs)));
}

/** Per-node requests of the AKS daemonsets (kube-proxy, CNS, CSI drivers, cloud-node-manager...). */
export function daemonsetRequests(os: "Linux" | "Windows", gpu: boolean): { cpuMillis: number; memoryBytes: number; pods: number } {
  const mib = 1024 * 1024;
  if (os === "Windows") return { cpuMillis: 80, memoryBytes: 200 * mib, pods: 3 };
  return { cpuMillis: 350 + (gpu ? 50 : 0), memoryBytes: 470 * mib + (gpu ? 100 * mib : 0), pods: 6 + (gpu ? 1 : 0) };
}

export type NodeShape = { allocCpuMillis: number; allocMemoryBytes: number; allocPods: number; gpus: number; capacityCpuMillis: number; capacityMemoryBytes: number };

export function nodeShape(vmSize: string, maxPods: number, os: "Linux" | "Windows"): NodeShape {
  const size = vmSizeOrDefault(vmSize);
  const reserved = aksReserved(size, maxPods, os);
  const capacityMemoryBytes = nodeMemoryCapacityBytes(size);
  return {
    capacityCpuMillis: size.vcpus * 1000,
    capacityMemoryBytes,
    allocCpuMillis: size.vcpus * 1000 - reserved.cpuMillis,
    allocMemoryBytes: capacityMemoryBytes - reserved.memoryBytes,
    allocPods: maxPods,
    gpus: size.gpus,
  };
}

/** How many of the workload's pods fit on one node, after the daemonsets. */
export function podsPerNode(workload: Workload, vmSize: string, maxPods: number, os: "Linux" | "Windows"): number {
  const shape = nodeShape(vmSize, maxPods, os);
  const ds = daemonsetRequests(os, shape.gpus > 0);
  const byCpu = Math.floor((shape.allocCpuMillis - ds.cpuMillis) / Math.max(1, workload.podCpuMillis));
  const byMemory = Math.floor((shape.allocMemoryBytes - ds.memoryBytes) / Math.max(1, workload.podMemoryBytes));
  const byPods = shape.allocPods - ds.pods;
  const byGpu = workload.podGpus > 0 ? Math.floor(shape.gpus / workload.podGpus) : Infinity;
  return Math.max(0, Math.min(byCpu, byMemory, byPods, byGpu));
}
