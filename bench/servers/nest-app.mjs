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

/** Serves these controllers (undecorated classes) on 127.0.0.1:<port>. */
export async function listenNest(port, controllers) {
  for (const controller of controllers) Controller()(controller);
  class BenchModule {}
  Module({ controllers })(BenchModule);
  const app = await NestFactory.create(BenchModule, new FastifyAdapter(), { logger: false });
  await app.listen(port, '127.0.0.1');
}
