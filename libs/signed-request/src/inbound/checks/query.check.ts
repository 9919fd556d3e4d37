import { refuse } from '../signed-request.errors';
import { coverableQueryParameters, queryHash } from './query-hash';

const mismatch = (detail: string) => refuse('Q_MISMATCH', detail);

/**
 * `q` (opt-in, `ValidateQ`): `[[name, …], base64url(SHA-256("name=value&…"))]` over the original URI's query.
 * Every listed name must be in the query once; parameters the list leaves out are allowed only with
 * `AcceptUnsignedQueryParameters` (the default, as in the reference).
 */
export function checkQuery(
  payload: Readonly<Record<string, unknown>>,
  rawQuery: string,
  acceptUnsignedParameters: boolean,
): void {
  const q = payload.q;
  if (!Array.isArray(q) || q.length !== 2 || !Array.isArray(q[0]) || typeof q[1] !== 'string') {
    throw mismatch("The signed HTTP request has no 'q' claim of the form [[names], hash].");
  }
  const names = q[0] as unknown[];
  if (!names.every((name): name is string => typeof name === 'string')) {
    throw mismatch("The names in the signed HTTP request's 'q' claim must be strings.");
  }
  const parameters = coverableQueryParameters(rawQuery);
  const unsigned = new Set(parameters.keys());
  for (const name of names) {
    if (!unsigned.delete(name)) {
      throw mismatch(
        "A query parameter the signed HTTP request's 'q' names is not in the original-uri (once).",
      );
    }
  }
  if (!acceptUnsignedParameters && unsigned.size > 0) {
    throw mismatch(
      "The original-uri has query parameters that the signed HTTP request's 'q' does not cover.",
    );
  }
  if (queryHash(names, parameters) !== q[1]) {
    throw mismatch("The signed HTTP request's 'q' hash does not match the query of the original-uri header.");
  }
}
