/**
 * The VM sizes the estates use: shape, quota family, retail series and an East US Linux pay-as-you-go price
 * (close to the public list prices; the emulator only needs them plausible and stable).
 */
export type VmSize = {
  name: string;
  vcpus: number;
  memoryGiB: number;
  gpus: number;
  gpuModel?: string;
  arch: "amd64" | "arm64";
  /** Compute usages name of the vCPU quota family. */
  family: string;
  familyDisplay: string;
  /** Retail prices productName for Linux (Windows adds " Windows"). */
  series: string;
  /** Hourly Linux pay-as-you-go price in East US, USD. */
  linuxHourly: number;
  burstable?: boolean;
};

const families: Record<string, [string, string, string]> = {
  dsv5: ["standardDSv5Family", "Standard DSv5 Family vCPUs", "Virtual Machines Dsv5 Series"],
  ddsv5: ["standardDDSv5Family", "Standard DDSv5 Family vCPUs", "Virtual Machines Ddsv5 Series"],
  dasv5: ["standardDASv5Family", "Standard DASv5 Family vCPUs", "Virtual Machines Dasv5 Series"],
  dpsv5: ["standardDPSv5Family", "Standard DPSv5 Family vCPUs", "Virtual Machines Dpsv5 Series"],
  dsv3: ["standardDSv3Family", "Standard DSv3 Family vCPUs", "Virtual Machines DSv3 Series"],
  dsv2: ["standardDSv2Family", "Standard DSv2 Family vCPUs", "Virtual Machines DSv2 Series"],
  dv2: ["standardDv2Family", "Standard Dv2 Family vCPUs", "Virtual Machines Dv2 Series"],
  esv5: ["standardESv5Family", "Standard ESv5 Family vCPUs", "Virtual Machines Esv5 Series"],
  fsv2: ["standardFSv2Family", "Standard FSv2 Family vCPUs", "Virtual Machines FSv2 Series"],
  bs: ["standardBSFamily", "Standard BS Family vCPUs", "Virtual Machines BS Series"],
  lsv3: ["standardLSv3Family", "Standard LSv3 Family vCPUs", "Virtual Machines Lsv3 Series"],
  nca100: ["standardNCADSA100v4Family", "Standard NCADS_A100_v4 Family vCPUs", "Virtual Machines NCadsA100v4 Series"],
  nct4: ["standardNCASv3_T4Family", "Standard NCASv3_T4 Family vCPUs", "Virtual Machines NCasT4 v3 Series"],
  ncv3: ["standardNCSv3Family", "Standard NCSv3 Family vCPUs", "Virtual Machines NCSv3 Series"],
};

type Row = [name: string, vcpus: number, memoryGiB: number, family: keyof typeof families, linuxHourly: number, gpus?: number, gpuModel?: string];

const rows: Row[] = [
  ["Standard_D2s_v5", 2, 8, "dsv5", 0.096],
  ["Standard_D4s_v5", 4, 16, "dsv5", 0.192],
  ["Standard_D8s_v5", 8, 32, "dsv5", 0.384],
  ["Standard_D16s_v5", 16, 64, "dsv5", 0.768],
  ["Standard_D32s_v5", 32, 128, "dsv5", 1.536],
  ["Standard_D4ds_v5", 4, 16, "ddsv5", 0.226],
  ["Standard_D8ds_v5", 8, 32, "ddsv5", 0.452],
  ["Standard_D4as_v5", 4, 16, "dasv5", 0.172],
  ["Standard_D8as_v5", 8, 32, "dasv5", 0.344],
  ["Standard_D16as_v5", 16, 64, "dasv5", 0.688],
  ["Standard_D4ps_v5", 4, 16, "dpsv5", 0.154],
  ["Standard_D8ps_v5", 8, 32, "dpsv5", 0.308],
  ["Standard_D2s_v3", 2, 8, "dsv3", 0.096],
  ["Standard_D4s_v3", 4, 16, "dsv3", 0.192],
  ["Standard_D8s_v3", 8, 32, "dsv3", 0.384],
  ["Standard_D16s_v3", 16, 64, "dsv3", 0.768],
  ["Standard_DS1_v2", 1, 3.5, "dsv2", 0.073],
  ["Standard_DS2_v2", 2, 7, "dsv2", 0.146],
  ["Standard_D2_v2", 2, 7, "dv2", 0.146],
  ["Standard_E4s_v5", 4, 32, "esv5", 0.252],
  ["Standard_E8s_v5", 8, 64, "esv5", 0.504],
  ["Standard_E16s_v5", 16, 128, "esv5", 1.008],
  ["Standard_E32s_v5", 32, 256, "esv5", 2.016],
  ["Standard_F4s_v2", 4, 8, "fsv2", 0.169],
  ["Standard_F8s_v2", 8, 16, "fsv2", 0.338],
  ["Standard_F16s_v2", 16, 32, "fsv2", 0.677],
  ["Standard_F32s_v2", 32, 64, "fsv2", 1.353],
  ["Standard_B2s", 2, 4, "bs", 0.0416],
  ["Standard_B2ms", 2, 8, "bs", 0.0832],
  ["Standard_B4ms", 4, 16, "bs", 0.166],
  ["Standard_L8s_v3", 8, 64, "lsv3", 0.624],
  ["Standard_NC24ads_A100_v4", 24, 220, "nca100", 3.673, 1, "A100"],
  ["Standard_NC4as_T4_v3", 4, 28, "nct4", 0.526, 1, "T4"],
  ["Standard_NC6s_v3", 6, 112, "ncv3", 3.06, 1, "V100"],
];

export const VM_SIZES: readonly VmSize[] = rows.map(([name, vcpus, memoryGiB, family, linuxHourly, gpus = 0, gpuModel]) => ({
  name,
  vcpus,
  memoryGiB,
  gpus,
  gpuModel,
  arch: /^Standard_D\d+p/.test(name) ? "arm64" : "amd64",
  family: families[family][0],
  familyDisplay: families[family][1],
  series: families[family][2],
  linuxHourly,
  burstable: family === "bs" ? true : undefined,
}));

const byName = new Map(VM_SIZES.map((size) => [size.name.toLowerCase(), size]));

export function findVmSize(name: string): VmSize | undefined {
  return byName.get(name.toLowerCase());
}

/** Unknown sizes (e.g. from the contract examples) still get a shape, so nothing downstream divides by zero. */
export function vmSizeOrDefault(name: string): VmSize {
  return findVmSize(name) ?? { ...VM_SIZES[1], name };
}

/** Retail meter name: "Standard_D4s_v5" -> "D4s v5". */
export function meterName(size: string): string {
  return size.replace(/^Standard_/, "").replace(/_/g, " ");
}

export type Region = { name: string; display: string; priceFactor: number; zones: boolean };

export const REGIONS: readonly Region[] = [
  { name: "eastus", display: "US East", priceFactor: 1, zones: true },
  { name: "eastus2", display: "US East 2", priceFactor: 1, zones: true },
  { name: "westus2", display: "US West 2", priceFactor: 1, zones: true },
  { name: "centralus", display: "US Central", priceFactor: 1.05, zones: true },
  { name: "westeurope", display: "EU West", priceFactor: 1.1, zones: true },
  { name: "northeurope", display: "EU North", priceFactor: 1.05, zones: true },
  { name: "uksouth", display: "UK South", priceFactor: 1.08, zones: true },
  { name: "swedencentral", display: "SE Central", priceFactor: 1.04, zones: true },
  { name: "germanywestcentral", display: "DE West Central", priceFactor: 1.12, zones: true },
  { name: "southeastasia", display: "AP Southeast", priceFactor: 1.12, zones: true },
  { name: "australiaeast", display: "AU East", priceFactor: 1.2, zones: true },
  { name: "japaneast", display: "JA East", priceFactor: 1.2, zones: true },
  { name: "westcentralus", display: "US West Central", priceFactor: 1.08, zones: false },
];

const regionByName = new Map(REGIONS.map((region) => [region.name, region]));

export function findRegion(name: string): Region {
  return regionByName.get(name.toLowerCase().replace(/\s+/g, "")) ?? { name, display: name, priceFactor: 1, zones: false };
}

export type Priority = "Regular" | "Spot";

/** Hourly price of one VM, as Retail Prices lists it. Windows adds a per-core licence; spot is a deep discount. */
export function hourlyPrice(sizeName: string, region: string, os: "Linux" | "Windows", priority: Priority): number {
  const size = vmSizeOrDefault(sizeName);
  const base = size.linuxHourly * findRegion(region).priceFactor;
  const licence = os === "Windows" ? 0.046 * size.vcpus : 0;
  const payg = base + licence;
  const price = priority === "Spot" ? base * 0.12 + licence : payg;
  return Math.round(price * 10_000) / 10_000;
}

/**
 * What AKS reserves for the kubelet and the OS, so allocatable = capacity - reserved. CPU follows the AKS table
 * (60m for 1 core up to 740m for 64); memory follows the 1.29+ rule (20 MiB per pod + 50 MiB, at most 25%, plus a
 * 100 MiB eviction threshold); Windows nodes keep about 2 GiB more for the OS.
 */
export function aksReserved(size: VmSize, maxPods: number, os: "Linux" | "Windows"): { cpuMillis: number; memoryBytes: number } {
  const steps: Array<[number, number]> = [[1, 60], [2, 100], [4, 140], [8, 180], [16, 260], [32, 420], [64, 740]];
  let cpuMillis = 740;
  for (let i = 0; i < steps.length; i++) {
    const [cores, millis] = steps[i];
    if (size.vcpus <= cores) {
      const [prevCores, prevMillis] = i === 0 ? [0, 60] : steps[i - 1];
      cpuMillis = i === 0 ? 60 : Math.round(prevMillis + ((size.vcpus - prevCores) / (cores - prevCores)) * (millis - prevMillis));
      break;
    }
  }
  const mib = 1024 * 1024;
  const totalBytes = nodeMemoryCapacityBytes(size);
  const kubeReserved = Math.min(20 * mib * maxPods + 50 * mib, Math.floor(totalBytes * 0.25));
  const windows = os === "Windows" ? 2048 * mib : 0;
  return { cpuMillis, memoryBytes: kubeReserved + 100 * mib + windows };
}

/** The memory a node reports as capacity is a little under the VM's nominal size (firmware and kernel take some). */
export function nodeMemoryCapacityBytes(size: VmSize): number {
  const kib = Math.floor((size.memoryGiB * 1024 * 1024 * 0.9765) / 4) * 4;
  return kib * 1024;
}
