import 'reflect-metadata';
import { Controller, Get, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeJwt } from 'jose';

@Injectable()
class S { hi() { return 'Healthy'; } }
@Controller()
class C { constructor(private readonly s: S) {} @Get('healthz') h() { return this.s.hi() + typeof decodeJwt; } }
@Module({ controllers: [C], providers: [S] })
class M {}
async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(M, new FastifyAdapter());
  await app.listen(5099, '127.0.0.1');
}
void main();
