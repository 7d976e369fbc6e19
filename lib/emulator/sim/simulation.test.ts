import { describe, expect, it } from "vitest";
import { generateEstate } from "../estate/generate";
import { createClock } from "./clock";
import { createSimulation } from "./simulation";
import { createCostModel, dayNumber } from "./cost-model";
import { aksReserved, findVmSize } from "../estate/vm-sizes";

const startTime = new Date("2026-11-18T14:00:00Z");
const setup = (speed = 1) => {
  const clock = createClock({ startTime, speed });
  const sim = createSimulation(generateEstate({ seed: 1, startMs: clock.startMs }), clock);
  const sub = (name: string) => sim.estate.subscriptions.find((s) => s.arm.displayName === name)!;
  const pool = (cluster: string, name: string) => sim.estate.pools.find((p) => p.clusterId.endsWith(`/${cluster}`) && p.name === name)!;
  return { clock, sim, sub, pool };
};

describe("the simulation", () => {
  it("holds pools within min and max and quota, and says why pods wait", () => {
    const { sim, sub, pool } = setup();
    const loads = sim.syncSubscription(sub("contoso-data-ml").id);
    const gpu = loads.get(pool("aks-ml-train-eus", "gpu").id)!;
    expect(gpu).toMatchObject({ desired: 4, count: 2, limitedBy: "quota", pending: 2 });
    for (const p of sim.estate.pools) {
      const props = p.arm.properties;
      if (props.enableAutoScaling && props.powerState?.code !== "Stopped") {
        expect(p.nodes.length - (props.provisioningState === "Upgrading" ? 1 : 0)).toBeGreaterThanOrEqual(props.minCount ?? 0);
      }
    }
  });

  it("follows the daily cycle: the storefront API pool grows into the afternoon and shrinks at night", () => {
    const { sim, sub, pool, clock } = setup();
    const api = pool("aks-shop-prod-weu", "api");
    const counts: number[] = [];
    for (let h = 0; h < 24; h++) {
      sim.syncSubscription(sub("contoso-prod").id);
      counts.push(api.nodes.length);
      clock.advance(3_600_000);
    }
    expect(Math.max(...counts)).toBeGreaterThan(Math.min(...counts) + 3);
    expect(Math.min(...counts)).toBe(3);
  });

  it("changes configuration now and then on its own, and on request", () => {
    const { sim, clock, sub, pool } = setup(60);
    clock.advance(12 * 3_600_000);
    sim.syncSubscription(sub("contoso-prod").id);
    expect(sim.changes().length).toBeGreaterThan(1);
    const web = pool("aks-shop-prod-eus", "cache");
    sim.changePool(web.id, { vmSize: "Standard_E16s_v5", count: 2 });
    sim.syncSubscription(sub("contoso-prod").id);
    expect(web.nodes.map((n) => n.vmSize)).toEqual(["Standard_E16s_v5", "Standard_E16s_v5"]);
    expect(() => sim.changePool(web.id, { count: -1 })).toThrow(/whole number/);
  });

  it("bills 62 days of cost and more, never a day after today", () => {
    const { sim, sub, clock } = setup();
    const cost = createCostModel(sim);
    const id = sub("contoso-prod").id;
    const today = dayNumber(clock.nowMs());
    const oldest = dayNumber(clock.nowMs() - 62 * 86_400_000);
    const past = cost.costOfDay(id, oldest, clock.nowMs());
    expect(past.reduce((n, e) => n + e.actual, 0)).toBeGreaterThan(100);
    expect(cost.costOfDay(id, dayNumber(clock.nowMs() + 86_400_000), clock.nowMs())).toEqual([]);
    const partial = cost.costOfDay(id, today, clock.nowMs()).reduce((n, e) => n + e.actual, 0);
    const full = cost.costOfDay(id, dayNumber(clock.nowMs() - 86_400_000), clock.nowMs()).reduce((n, e) => n + e.actual, 0);
    expect(partial).toBeLessThan(full);
  });
});

describe("AKS reservations", () => {
  it("leaves allocatable CPU and memory as AKS does", () => {
    expect(aksReserved(findVmSize("Standard_D4s_v5")!, 110, "Linux").cpuMillis).toBe(140);
    expect(aksReserved(findVmSize("Standard_D16s_v5")!, 110, "Linux").cpuMillis).toBe(260);
    expect(aksReserved(findVmSize("Standard_D4s_v5")!, 110, "Linux").memoryBytes).toBe((20 * 110 + 50 + 100) * 1024 * 1024);
  });
});
