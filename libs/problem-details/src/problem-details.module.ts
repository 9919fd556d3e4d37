import { Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { KnownRoutes } from './known-routes';
import { ProblemDetailsFilter } from './problem-details.filter';

/** Installs the global problem+json filter; import once, in the application module. */
@Global()
@Module({
  providers: [KnownRoutes, { provide: APP_FILTER, useClass: ProblemDetailsFilter }],
  exports: [KnownRoutes],
})
export class ProblemDetailsModule {}
