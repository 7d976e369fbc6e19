/** What every route handler may use: the living estate, the cost model, identity and the server's own URL. */
import type { Simulation } from "./sim/simulation";
import type { CostModel } from "./sim/cost-model";
import type { TokenService } from "./token";
import type { ArmSubscription } from "./estate/types";

export type EmulatorContext = {
  sim: Simulation;
  cost: CostModel;
  tokens: TokenService;
  /** https://127.0.0.1:PORT, known once the server listens. */
  baseUrl(): string;
  caPem: string;
  /** Items per page of ARM lists (nextLink beyond). */
  pageSize: number;
  /** Rows per page of Cost Management query results (properties.nextLink beyond). */
  costPageSize: number;
  /** Real time, for what must never be in the future (cost days). */
  realNowMs(): number;
  /** Subscriptions listed besides the estate's (the contract examples'). */
  extraSubscriptions: ArmSubscription[];
};
