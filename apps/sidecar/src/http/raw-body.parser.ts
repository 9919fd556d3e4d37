import type { FastifyInstance } from 'fastify';

/**
 * The sidecar never interprets a request body: the only body it handles is one it forwards downstream,
 * byte for byte, with the caller's Content-Type. So every media type is read as raw bytes (bounded by
 * the body limit) instead of being parsed, and no type is refused for being unknown.
 */
export function installRawBodyParser(instance: FastifyInstance): void {
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}
