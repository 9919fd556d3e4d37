/** The module: `/DownstreamApi/{apiName}` and `/DownstreamApiUnauthenticated/{apiName}` (spec C.4). */
export { DownstreamModule } from './downstream.module';
/** Connect, request and body-size limits of one outbound exchange. */
export type { OutboundLimits } from './http/downstream-http-client';
