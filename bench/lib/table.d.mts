/** Types for table.mjs. */
export function formatTable(header: string[], rows: (string | number)[][]): string;
export function fmt(value: number, digits?: number): string;
