/** The demo downstream API's app registration in the emulator's demo tenant (apps/entra-emulator/config). */
export const DEMO_API_CLIENT_ID = 'c50b640e-e5f1-4e72-b3bf-1745d6e4be00';

/** Audiences accepted by default: v1 tokens carry the identifier URI, v2 tokens the client id. */
export const DEFAULT_AUDIENCES: readonly string[] = [`api://${DEMO_API_CLIENT_ID}`, DEMO_API_CLIENT_ID];

/** The emulator's default port and the demo tenant, as in docker-compose.yml. */
export const DEFAULT_AUTHORITY = 'https://localhost:5443/60ff808b-9e0d-4853-bd0c-ae6ac7c0b838/v2.0';

/** Delegated permission (`scp`) a user token needs. */
export const REQUIRED_SCOPE = 'Weather.Read';

/** Application permission (`roles`) an app-only token needs. */
export const REQUIRED_ROLE = 'Weather.Read.All';

/** `realm` of the `WWW-Authenticate` challenge. */
export const REALM = 'demo-api';
