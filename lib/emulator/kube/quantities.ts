/** Kubernetes resource quantities the way the API server prints them. */
const Ki = 1024;
const Mi = 1024 ** 2;
const Gi = 1024 ** 3;

export function cpuQuantity(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}

export function memoryQuantity(bytes: number): string {
  if (bytes % Gi === 0) return `${bytes / Gi}Gi`;
  if (bytes % Mi === 0) return `${bytes / Mi}Mi`;
  return `${Math.floor(bytes / Ki)}Ki`;
}

/** Five characters from the alphabet Kubernetes uses for generated name suffixes. */
export function nameSuffix(seed: number, length = 5): string {
  const alphabet = "bcdfghjklmnpqrstvwxz2456789";
  let n = seed >>> 0;
  let out = "";
  for (let i = 0; i < length; i++) {
    out += alphabet[n % alphabet.length];
    n = Math.floor(n / alphabet.length) ^ (Math.imul(n, 2654435761) >>> 7);
    n >>>= 0;
  }
  return out;
}
