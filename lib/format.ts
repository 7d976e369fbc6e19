/** Number and time formatting for pages: every figure leaves here with its unit. */

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export function formatCount(value: number): string {
  // Most counts are whole numbers below a thousand, the same without Intl, which a page would call a thousand times.
  return Number.isInteger(value) && value > -1000 && value < 1000 ? String(value) : integer.format(value);
}

export function formatCores(cpuMillis: number): string {
  const cores = cpuMillis / 1000;
  return `${cores >= 100 ? integer.format(cores) : oneDecimal.format(cores)} vCPU`;
}

const GIB = 1024 ** 3;

export function formatMemory(bytes: number): string {
  const gib = bytes / GIB;
  if (gib >= 1024) return `${oneDecimal.format(gib / 1024)} TiB`;
  if (gib >= 1) return `${gib >= 100 ? integer.format(gib) : oneDecimal.format(gib)} GiB`;
  return `${integer.format(bytes / 1024 ** 2)} MiB`;
}

export function formatMoney(amount: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: amount >= 100 ? 0 : 2 }).format(amount);
}

export function formatPercent(ratio: number): string {
  return `${oneDecimal.format(ratio * 100)}%`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${integer.format(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${oneDecimal.format(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "3 min ago", "2 h ago", "5 d ago": the age of a reading, relative to `now`. */
export function formatAge(at: Date, now: Date = new Date()): string {
  const seconds = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

/** A signed change, e.g. "+3" or "−2" (a real minus sign), or "no change". */
export function formatDelta(delta: number, format: (value: number) => string = formatCount): string {
  if (delta === 0) return "no change";
  return `${delta > 0 ? "+" : "−"}${format(Math.abs(delta))}`;
}

export function formatDateTime(at: Date): string {
  return at.toISOString().replace("T", " ").slice(0, 16) + " UTC";
}

const monthDay = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** A time on a chart's axis: the hour for ranges of up to two days, the day beyond (UTC, as every time shown). */
export function formatChartTime(at: number, spanMs: number): string {
  const date = new Date(at);
  if (spanMs <= 2 * 86_400_000) return date.toISOString().slice(11, 16);
  return monthDay.format(date);
}
