/**
 * The security schemes the document declares, by name: `@ApiSecurity(BEARER_SCHEME)` on a route refers to one.
 * The reference document declares none; these are additions, for readers and for generated clients.
 */
export const BEARER_SCHEME = 'Bearer';
export const POP_SCHEME = 'PoP';
