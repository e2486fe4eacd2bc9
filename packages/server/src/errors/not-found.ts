import { problem } from './catalogue.ts';
import type { FastifyRequest } from 'fastify';
import type { ErrorBody } from './error-schemas.ts';

/** Body of the 404 for an unknown route, in the same shape as every other error. */
export function notFoundBody(request: FastifyRequest): ErrorBody {
  const p = problem('CG_ERR_NOT_FOUND', {}, `${request.method} ${request.url.split('?')[0]}`);
  return { error: p.code, message: p.message, fix: p.fix, problems: [p] };
}
