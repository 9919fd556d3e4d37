/** Detail of the 401 for a user flow without a user (spec C.3 step 7, F.1). */
export const NO_ACCOUNT_DETAIL = 'No account or login hint was passed to the AcquireTokenSilent call.';

/** The value of `LongRunningWebApiSessionKey` that asks the sidecar to allocate a key (spec F.4). */
export const ALLOCATE_FOR_ME = 'AllocateForMe';

/** The acquirers of the sidecar's own flows, one per flow (`TokenAcquirer[]`). */
export const TOKEN_ACQUIRERS = 'TOKEN_CORE:ACQUIRERS';

/** The shared (Redis) token store, or undefined when only memory is configured. */
export const DISTRIBUTED_TOKEN_STORE = 'TOKEN_CORE:DISTRIBUTED_STORE';
