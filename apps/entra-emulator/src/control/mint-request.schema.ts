import { z } from 'zod';
import type { MintAccessTokenOptions } from '../emulator.types';

// The body of POST /_emulator/tokens: mintAccessToken's options, checked before use.
const mintRequestSchema = z.object({
  tenant: z.string().optional(),
  version: z.enum(['1.0', '2.0']).optional(),
  audience: z.string().optional(),
  user: z.string().optional(),
  client: z.string().optional(),
  scopes: z.union([z.string(), z.array(z.string())]).optional(),
  scope: z.string().optional(),
  roles: z.array(z.string()).optional(),
  claims: z.record(z.string(), z.unknown()).optional(),
  header: z.record(z.string(), z.unknown()).optional(),
  expiresIn: z.number().int().optional(),
  notBefore: z.number().int().optional(),
  issuedAt: z.number().int().optional(),
  signWith: z.union([z.enum(['current', 'unpublished']), z.object({ kid: z.string() })]).optional(),
});

export function parseMintRequest(body: unknown): MintAccessTokenOptions {
  const parsed = mintRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  }
  return parsed.data;
}
