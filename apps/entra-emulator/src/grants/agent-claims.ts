import type { DirectoryClient } from '../config/directory';

/** Spec E.6: tokens of an agent identity name the parent blueprint in `xms_par_app_azp`. */
export function agentClaims(client: DirectoryClient): Record<string, unknown> {
  return client.kind === 'agent' && client.blueprint ? { xms_par_app_azp: client.blueprint.clientId } : {};
}

/** `xms_sub_fct` value for agent users: the space-separated facets contain 13. */
export const AGENT_USER_SUBJECT_FACETS = '13';
