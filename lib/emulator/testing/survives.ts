/**
 * Checks that every property of a wire body reached the SDK's model: the SDKs flatten `properties`, rename a few
 * keys (enableFIPS -> enableFips, properties.type -> typePropertiesType) and turn base64 into bytes.
 */
type Json = unknown;

export function leaves(value: Json, path: string[] = []): Array<[string[], Json]> {
  if (Array.isArray(value)) return value.length === 0 ? [[path, value]] : value.flatMap((v, i) => leaves(v, [...path, String(i)]));
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    return entries.length === 0 ? [[path, value]] : entries.flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [[path, value]];
}

export function findInModel(model: Json, path: string[]): Json {
  let current: Json = model;
  let flattened = false;
  for (const segment of path) {
    if (current === null || current === undefined) return undefined;
    if (Array.isArray(current)) {
      current = current[Number(segment)];
      continue;
    }
    if (typeof current !== "object") return undefined;
    const obj = current as Record<string, Json>;
    if (segment === "properties" && !("properties" in obj)) {
      flattened = true;
      continue;
    }
    // Kebab-case wire keys (autoScalerProfile) become camelCase in the models.
    const camel = segment.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()).toLowerCase();
    const key = Object.keys(obj).find((k) => k === segment) ?? Object.keys(obj).find((k) => k.toLowerCase() === segment.toLowerCase() || k.toLowerCase() === camel);
    if (segment === "type" && flattened && "typePropertiesType" in obj) current = obj.typePropertiesType;
    else current = key === undefined ? undefined : obj[key];
    flattened = false;
  }
  return current;
}

/** The paths whose value the model lost or changed (empty when everything survived). */
export function lostProperties(wire: Json, model: Json): string[] {
  const lost: string[] = [];
  for (const [path, value] of leaves(wire)) {
    let got = findInModel(model, path);
    if (got instanceof Uint8Array) got = Buffer.from(got).toString("base64");
    if (got instanceof Date) got = got.toISOString();
    const same = value === null ? got === null || got === undefined : JSON.stringify(got) === JSON.stringify(value);
    if (!same) lost.push(`${path.join(".")}: ${JSON.stringify(value)} -> ${JSON.stringify(got)}`);
  }
  return lost;
}
