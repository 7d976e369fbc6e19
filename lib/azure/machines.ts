import { API_VERSIONS } from "./api-versions";
import type { ArmClient } from "./arm-client";
import { collectPages, type Items } from "./read-items";
import { machineSchema } from "./schemas";

/** A pool's machine: its node name, zone and the VM (scale set instance) behind it. */
export type Machine = { name: string; zones: string[]; resourceId: string | null };

export async function listMachines(arm: ArmClient, poolArmId: string): Promise<Items<Machine>> {
  const { items, malformed } = await collectPages("machine", machineSchema, arm.pages(`${poolArmId}/machines?api-version=${API_VERSIONS.containerService}`));
  return { items: items.map(({ parsed }) => ({ name: parsed.name, zones: parsed.zones ?? [], resourceId: parsed.properties?.resourceId ?? null })), malformed };
}

/** The scale set (lower-cased name) a machine's VM belongs to, from its resource id. */
export function scaleSetOf(resourceId: string | null): string | null {
  return resourceId ? (/\/virtualmachinescalesets\/([^/]+)/i.exec(resourceId)?.[1]?.toLowerCase() ?? null) : null;
}
