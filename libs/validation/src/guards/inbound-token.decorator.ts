import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ValidatedToken } from '../validated-token';
import { attachedToken, httpRequestOf } from './request-token';

/** Handler parameter: the `ValidatedToken` a guard attached, or undefined on anonymous routes without one. */
export const InboundToken: () => ParameterDecorator = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ValidatedToken | undefined =>
    attachedToken(httpRequestOf<object>(context)),
);
