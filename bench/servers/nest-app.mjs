// What the bench's bare NestJS servers share: plain JS has no decorator syntax, so decorators are applied by
// hand, and each server is one module of controllers on the Fastify adapter, without a logger.
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

/** Applies method decorators to `Class.prototype[name]`, as `@decorator` above the method would. */
export function decorate(Class, name, ...decorators) {
  const descriptor = Object.getOwnPropertyDescriptor(Class.prototype, name);
  for (const decorator of decorators) decorator(Class.prototype, name, descriptor);
}

/**
 * Serves these controllers (undecorated classes) on 127.0.0.1:<port>. `rawBody`: every request body arrives as
 * its bytes (a Buffer), as the sidecar reads the bodies it forwards, instead of Nest's JSON and form parsers.
 */
export async function listenNest(port, controllers, { rawBody = false } = {}) {
  for (const controller of controllers) Controller()(controller);
  class BenchModule {}
  Module({ controllers })(BenchModule);
  const app = await NestFactory.create(BenchModule, new FastifyAdapter(), {
    logger: false,
    bodyParser: !rawBody,
  });
  if (rawBody) {
    const fastify = app.getHttpAdapter().getInstance();
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  }
  await app.listen(port, '127.0.0.1');
}
