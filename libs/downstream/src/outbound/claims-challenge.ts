/** One parsed challenge of a `WWW-Authenticate` header (RFC 9110 §11.6.1). */
interface Challenge {
  readonly scheme: string;
  readonly params: ReadonlyMap<string, string>;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;
const TOKEN68_AFTER_SCHEME = /^\s+[A-Za-z0-9\-._~+/]+=*\s*(?=,|$)/;

/**
 * Spec C.6 / F.7: the claims a downstream API asks for in a 401, e.g. Entra's continuous access
 * evaluation `Bearer error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4i…"`. The `claims`
 * parameter of the Bearer challenge is base64 (or base64url) of a JSON object; a raw JSON object is
 * accepted too. Returns the JSON text, or undefined when there is no usable claims challenge.
 */
export function claimsFromChallenges(wwwAuthenticate: readonly string[]): string | undefined {
  for (const value of wwwAuthenticate) {
    for (const challenge of parseChallenges(value)) {
      if (challenge.scheme.toLowerCase() !== 'bearer') continue;
      const claims = challenge.params.get('claims');
      if (claims === undefined || claims === '') continue;
      const json = jsonObjectText(Buffer.from(claims, 'base64').toString('utf8')) ?? jsonObjectText(claims);
      if (json !== undefined) return json;
    }
  }
  return undefined;
}

/** Splits a header value into challenges with their (lower-cased) parameter names. */
export function parseChallenges(value: string): Challenge[] {
  const challenges: { scheme: string; params: Map<string, string> }[] = [];
  let rest = value;
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    const name = TOKEN.exec(rest)?.[0];
    if (name === undefined) return challenges;
    rest = rest.slice(name.length);
    const equals = /^\s*=\s*/.exec(rest);
    const current = challenges.at(-1);
    if (equals !== null && current !== undefined) {
      const [parsed, remaining] = readParamValue(rest.slice(equals[0].length));
      current.params.set(name.toLowerCase(), parsed);
      rest = remaining;
      continue;
    }
    challenges.push({ scheme: name, params: new Map() });
    // A token68 credential (`Negotiate abc==`) belongs to the scheme just read and carries no parameters.
    const token68 = TOKEN68_AFTER_SCHEME.exec(rest);
    if (token68 !== null) rest = rest.slice(token68[0].length);
  }
}

function readParamValue(text: string): [string, string] {
  if (!text.startsWith('"')) {
    const token = /^[^\s,]*/.exec(text)![0];
    return [token, text.slice(token.length)];
  }
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && i + 1 < text.length) value += text[++i];
    else if (char === '"') return [value, text.slice(i + 1)];
    else value += char;
  }
  return [value, ''];
}

function jsonObjectText(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? text : undefined;
  } catch {
    return undefined;
  }
}
