export const SCHEMA_FILE: string;
export const REFERENCE_FILE: string;
export function renderConfigReference(schema: unknown): string;
export function renderConfigReferenceFromFile(): string;
