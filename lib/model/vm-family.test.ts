import { describe, expect, test } from "vitest";
import { vmFamily } from "./vm-family";

describe("vmFamily", () => {
  test.each([
    ["Standard_D4s_v5", "Dsv5"],
    ["Standard_D8ds_v5", "Ddsv5"],
    ["Standard_E16-8ds_v5", "Edsv5"],
    ["Standard_DS2_v2", "DSv2"],
    ["Standard_B2ms", "Bms"],
    ["Standard_F8s_v2", "Fsv2"],
    ["Standard_NC4as_T4_v3", "NCasT4v3"],
    ["Standard_NC24ads_A100_v4", "NCadsA100v4"],
    ["Standard_D4", "D"],
    ["Standard_L8s_v3", "Lsv3"],
    ["custom-size", "custom-size"],
    ["", ""],
  ])("%s is %s", (vmSize, family) => {
    expect(vmFamily(vmSize)).toBe(family);
  });
});
