/** Compute usages: vCPU quota per family and region, with what the subscription's nodes use right now. */
import type { EstateSubscription, EstatePool } from "../estate/types";
import { VM_SIZES, vmSizeOrDefault } from "../estate/vm-sizes";

type Usage = { unit: "Count"; currentValue: number; limit: number; name: { value: string; localizedValue: string } };

const DEFAULT_FAMILY_LIMIT = 100;

export function computeUsages(sub: EstateSubscription, region: string, pools: EstatePool[], locationOf: (p: EstatePool) => string): Usage[] {
  const current = new Map<string, number>();
  const add = (name: string, n: number) => current.set(name, (current.get(name) ?? 0) + n);
  for (const pool of pools) {
    if (locationOf(pool).toLowerCase() !== region.toLowerCase()) continue;
    const spot = pool.arm.properties.scaleSetPriority === "Spot";
    if (pool.nodes.length > 0 && pool.arm.properties.type !== "VirtualMachines") add("virtualMachineScaleSets", 1);
    for (const node of pool.nodes) {
      const size = vmSizeOrDefault(node.vmSize);
      add("virtualMachines", 1);
      if (spot) add("lowPriorityCores", size.vcpus);
      else {
        add("cores", size.vcpus);
        add(size.family, size.vcpus);
      }
    }
  }
  const limits = sub.quotas[region.toLowerCase()] ?? {};
  const usage = (value: string, localizedValue: string, fallbackLimit: number): Usage => ({
    unit: "Count",
    currentValue: current.get(value) ?? 0,
    limit: limits[value] ?? fallbackLimit,
    name: { value, localizedValue },
  });
  const families = new Map(VM_SIZES.map((s) => [s.family, s.familyDisplay]));
  return [
    usage("availabilitySets", "Availability Sets", 2500),
    usage("cores", "Total Regional vCPUs", 350),
    usage("virtualMachines", "Virtual Machines", 25000),
    usage("virtualMachineScaleSets", "Virtual Machine Scale Sets", 2500),
    usage("dedicatedvCpus", "Dedicated vCPUs", 3000),
    usage("cloudServices", "Cloud Services", 2500),
    ...[...families].map(([value, display]) => usage(value, display, DEFAULT_FAMILY_LIMIT)),
    usage("lowPriorityCores", "Total Regional Low-priority vCPUs", 100),
  ];
}
