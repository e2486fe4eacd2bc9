import type { FastifyRequest } from 'fastify';
import { errorReply } from '../errors/error-reply.ts';

/** A failure answered with a status GeoReport v2 names (400, 403, 404) and one description. */
export class Open311Failure extends Error {
  readonly status: 400 | 403 | 404;

  constructor(status: 400 | 403 | 404, description: string) {
    super(description);
    this.status = status;
  }
}

/** One GeoReport v2 error. */
export interface Open311Error {
  code: number;
  description: string;
}

/**
 * Any error of an Open311 route in the spec's format, `[{ code, description }]` with one entry
 * per problem. Statuses follow the spec: 404 for what does not exist, 403 for a missing or bad
 * api_key (citygrid's 401 included), 400 for anything else the client must fix; 429 (rate
 * limit) and 500 stay as they are. `code` is the status, and
 * the description carries citygrid's CG_ERR_* code and fix, so a batch of problems (a lat out
 * of range and an unknown crs) is listed whole.
 */
export function open311Error(error: unknown, request: FastifyRequest): { status: number; errors: Open311Error[] } {
  if (error instanceof Open311Failure) return { status: error.status, errors: [{ code: error.status, description: error.message }] };
  const { status, body } = errorReply(error, request);
  const http =
    status >= 500 || status === 429
      ? status
      : body.error === 'CG_ERR_NOT_FOUND'
        ? 404
        : /UNAUTHORIZED|FORBIDDEN/.test(body.error)
          ? 403
          : 400;
  const problems = body.problems.length ? body.problems : [{ code: body.error, message: body.message, fix: body.fix }];
  return { status: http, errors: problems.map((p) => ({ code: http, description: `${p.message} (${p.code}); ${p.fix}` })) };
}
