// Replaced by the emulator's global setup (trusts the emulator's CA in the worker processes).
export default function setup(): void {}
