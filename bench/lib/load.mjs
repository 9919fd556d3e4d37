import autocannon from 'autocannon';
import { startCpuMeter } from './cpu.mjs';

/**
 * Runs autocannon against one URL for `durationSec` and reduces its result to what the bench reports.
 * `ok` counts responses with the expected status; anything else (errors, timeouts, other statuses)
 * makes the measurement invalid, because a fast stream of 403s or 500s says nothing about the sidecar.
 */
export async function runLoad({
  url,
  connections = 50,
  durationSec = 10,
  method = 'GET',
  headers,
  body,
  expectStatus = 200,
  headersFor,
  serverPid,
}) {
  // `headersFor(i)` varies the headers per request (e.g. a different token each time); autocannon calls
  // setupRequest before building every request.
  let next = 0;
  const requests = headersFor
    ? [
        {
          method,
          setupRequest: (request) => ({ ...request, headers: { ...headers, ...headersFor(next++) } }),
        },
      ]
    : undefined;
  const meter = startCpuMeter(serverPid);
  const result = await autocannon({
    url,
    connections,
    duration: durationSec,
    method,
    headers,
    body,
    requests,
  });
  const ok = result.statusCodeStats[String(expectStatus)]?.count ?? 0;
  const total = result.requests.total;
  return {
    reqPerSec: result.duration > 0 ? ok / result.duration : 0,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    unexpected: total - ok + result.errors + result.timeouts,
    durationSec: result.duration,
    ...meter.stop(result.duration),
  };
}
