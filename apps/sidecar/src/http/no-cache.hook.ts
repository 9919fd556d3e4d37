import type { FastifyInstance } from 'fastify';

/**
 * Every 2xx carries the reference's no-cache trio (C.1): answers hold tokens and claims, which no
 * intermediary or client cache may keep. Error answers are left as they are, like the reference.
 */
export function installNoCacheHeaders(instance: FastifyInstance): void {
  instance.addHook('onSend', (_request, reply, payload, done) => {
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      void reply.headers({
        'cache-control': 'no-cache, no-store, must-revalidate',
        pragma: 'no-cache',
        expires: '0',
      });
    }
    done(null, payload);
  });
}
