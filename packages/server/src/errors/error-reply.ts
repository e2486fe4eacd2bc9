import { CitygridError } from '@citygrid/core';
import { SERVER_ERRORS, problem, serverError, type Problem, type ServerError } from './catalogue.ts';
import type { FastifyError, FastifyRequest } from 'fastify';
import type { ErrorBody } from './error-schemas.ts';
import { validationProblems, type SchemaError } from './validation-problems.ts';

// A batch of 10,000 bad reports would otherwise answer with a 2 MB list; the first thousand
// are enough to fix the generator, and `message` still says how many there were.
const MAX_PROBLEMS = 1000;

/**
 * The status and JSON body for any error a request raised: catalogue errors as they are,
 * fastify's own (validation, body parsing, size, media type) translated to catalogue codes.
 * Anything else is a 500 whose body says nothing about the internals.
 */
export function errorReply(error: unknown, request: FastifyRequest): { status: number; body: ErrorBody } {
  const e = asCitygridError(error as FastifyError, request);
  if (!e) {
    // The request id, and nothing else, links the answer to the stack in the log.
    const internal = problem('CG_ERR_INTERNAL', {}, request.id);
    return {
      status: SERVER_ERRORS.CG_ERR_INTERNAL.http,
      body: { error: 'CG_ERR_INTERNAL', message: internal.message, fix: internal.fix, problems: [] },
    };
  }
  const first = e.problems[0];
  return { status: e.http, body: { error: e.code, message: e.message, fix: first.fix, problems: e.problems.slice(0, MAX_PROBLEMS) } };
}

function asCitygridError(error: FastifyError, request: FastifyRequest): ServerError | undefined {
  if (error instanceof CitygridError) return error as ServerError;
  if (error.validation) {
    return serverError(validationProblems(error.validation as unknown as SchemaError[], error.validationContext ?? 'body', request.body));
  }
  const one = (p: Problem) => serverError([p]);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return one(problem('CG_ERR_PAYLOAD_TOO_LARGE', {}, request.headers['content-length'] ?? 'more than', request.routeOptions.bodyLimit));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return one(problem('CG_ERR_UNSUPPORTED_MEDIA', {}, JSON.stringify(request.headers['content-type'] ?? 'none')));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return one(problem('CG_ERR_NOT_JSON', {}, 'the body is empty'));
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return one(problem('CG_ERR_NOT_JSON', {}, 'the body does not parse'));
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    // Other client errors fastify raises (bad Content-Length, …): the request is malformed.
    // CG_ERR_USAGE's own fix is the CLI's (--help): over HTTP the request is what to fix.
    return one({ ...problem('CG_ERR_USAGE', {}, error.message), fix: 'correct the request: see its schema at /docs' });
  }
  return undefined;
}
