/** The module: `/DownstreamApi/{apiName}` and `/DownstreamApiUnauthenticated/{apiName}` (spec C.4). */
export { DownstreamModule } from './downstream.module';
/** Resolves the profile, acquires the token, calls the downstream API and shapes its answer. */
export { DownstreamApiService, type InboundBody } from './downstream-api.service';
/** The 200 body: `{ statusCode, headers, content }` (OpenAPI schema `DownstreamApiResult`). */
export { DownstreamApiResultDto } from './dto/downstream-api-result.dto';
/** Port for the outbound exchange (bound to the undici client); replace it to fake the network edge. */
export {
  DownstreamHttpClient,
  type OutboundLimits,
  type OutboundRequest,
  type OutboundResponse,
} from './http/downstream-http-client';
/** A transport failure of one exchange: unreachable, timeout or too large. */
export { DownstreamTransportError, type DownstreamFailureKind } from './downstream.errors';
