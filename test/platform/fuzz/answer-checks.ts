import type { FuzzAnswer } from './fuzz-client';
import type { FuzzInput } from './fuzz-inputs';

const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

// RFC 7807 as the sidecar writes it: type, title, the answer's own status and a detail a caller can read.
function problemFault(answer: FuzzAnswer): string | undefined {
  if (answer.headers['content-type'] !== PROBLEM_JSON) {
    return `${answer.status} with content-type '${String(answer.headers['content-type'])}': ${answer.body.toString('utf8').slice(0, 200)}`;
  }
  const problem = parseJson(answer.body);
  if (!isRecord(problem)) return 'the problem body is not a JSON object';
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string') return 'no type or title';
  if (problem.status !== answer.status) return `problem status ${String(problem.status)}`;
  if (typeof problem.detail !== 'string' || problem.detail === '') return 'no detail';
  return undefined;
}

// What a 2xx of each route carries (spec C.2–C.4, health and metrics).
function successFault(input: FuzzInput, answer: FuzzAnswer): string | undefined {
  const route = input.path.split(/[/?]/)[1]?.toLowerCase() ?? '';
  const text = answer.body.toString('utf8');
  if (route === 'healthz' && input.path.split('?')[0].toLowerCase() === '/healthz') {
    return text === 'Healthy' ? undefined : `healthz answered '${text}'`;
  }
  if (route === 'metrics' || route === 'openapi') return undefined;
  const body = parseJson(answer.body);
  if (!isRecord(body)) return 'a 2xx body that is not a JSON object';
  if (route.startsWith('authorizationheader')) {
    return typeof body.authorizationHeader === 'string' && /^(Bearer|pop) \S+$/.test(body.authorizationHeader)
      ? undefined
      : 'no authorizationHeader';
  }
  if (route.startsWith('downstreamapi')) {
    const shaped =
      typeof body.statusCode === 'number' &&
      isRecord(body.headers) &&
      (body.content === null || typeof body.content === 'string');
    return shaped ? undefined : 'not a DownstreamApiResult';
  }
  return undefined;
}

/**
 * Why an answer is not well-formed, or undefined when it is: never a 5xx (the fuzzed upstreams never fail,
 * so a 5xx can only come from the input), errors as problem+json (an authentication 401 may have an empty
 * body, as in the reference), and each route's own 2xx shape.
 */
export function answerFault(input: FuzzInput, answer: FuzzAnswer): string | undefined {
  if (answer.failure !== undefined) return `no answer (${answer.failure})`;
  if (answer.status >= 500) return `status ${answer.status}: ${answer.body.toString('utf8').slice(0, 300)}`;
  if (answer.status < 200 || (answer.status >= 300 && answer.status < 400)) return `status ${answer.status}`;
  if (input.method === 'HEAD') return answer.body.length === 0 ? undefined : 'a HEAD answer with a body';
  if (answer.status >= 400) {
    if (answer.status === 401 && answer.body.length === 0) return undefined;
    return problemFault(answer);
  }
  return successFault(input, answer);
}

/** One line that shows a failing input, enough to see what was sent (the seed replays it exactly). */
export function describeInput(index: number, input: FuzzInput): string {
  const headers = Object.entries(input.headers)
    .map(([name, value]) => `${name}: ${name === 'authorization' ? value.slice(0, 20) : value.slice(0, 60)}`)
    .join(' | ');
  const body = input.body === undefined ? 'no body' : `${input.body.length}-byte body`;
  return `#${index} ${input.method} ${input.path.slice(0, 400)} [${headers}] ${body}`;
}
