/** Types for free-port.mjs (plain ESM so the bench runs without a TypeScript build). */
export function freePort(): Promise<number>;
