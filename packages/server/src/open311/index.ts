import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Open311ErrorSchema,
  RequestBodySchema,
  RequestCreatedSchema,
  RequestsQuerySchema,
  ServiceDefinitionSchema,
  ServiceRequestsSchema,
  ServicesQuerySchema,
  ServicesSchema,
  type RequestBody,
  type RequestsQuery,
} from './open311-schemas.ts';
import { parseIsoTime } from '../reports/parse-iso-time.ts';
import type { Open311Fields, Open311Query } from './open311-requests.ts';
import { checkOpen311Key } from './open311-key.ts';
import { departmentName, noticeText } from './mapping.ts';
import { attributeValues, serviceDefinition, services } from './open311-services.ts';
import { open311Error, Open311Failure } from './open311-error.ts';
import { parseForm } from './parse-form.ts';
import { checkQueryUtf8 } from '../http/check-query-utf8.ts';

// The spec's limits: a request list spans at most 90 days and holds at most 1,000 requests.
const MAX_SPAN_MS = 90 * 86_400_000;
const MAX_REQUESTS = 1000;
// A form with a 4,000-character description and every other field fits in a few kB.
const BODY_LIMIT = 64 * 1024;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const errors = { 400: Open311ErrorSchema, 403: Open311ErrorSchema, 404: Open311ErrorSchema };
const tags = ['open311'];
const RatedSchema = Type.Array(
  Type.Object({ service_request_id: Type.String(), rating: Type.Integer(), rated_datetime: Type.String({ format: 'date-time' }) }),
);

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2), JSON only, mapped onto the same store:
 * services are the city profile's categories, a service request is a report. Registered under
 * `/open311/v2`. Errors answer in the spec's format, `[{ code, description }]`, unknown
 * paths under the prefix too. See docs/server.md, Open311.
 */
const open311: FastifyPluginAsyncTypebox = async (app) => {
  // As bytes: read as a string, fastify would already have turned raw non-UTF-8 bytes into U+FFFD.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_request, body, done) => {
    let form: Record<string, unknown>;
    try {
      form = parseForm(body as Buffer);
    } catch (e) {
      return done(e as Error, undefined);
    }
    done(null, form);
  });
  app.addHook('onRequest', async (request) => checkQueryUtf8(request.url));
  app.setErrorHandler((error, request, reply) => {
    const { status, errors } = open311Error(error, request);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).type('application/json').send(errors);
  });
  // The access plugin documents 401/403/429 with citygrid's error shape; here they are answered
  // in the Open311 format, so they must be documented and serialized as such. onRoute hooks of
  // this scope run after the plugin's.
  app.addHook('onRoute', (route) => {
    const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response;
    if (response) for (const status of ['401', '403', '429']) if (status in response) response[status] = Open311ErrorSchema;
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send([
      {
        code: 404,
        description: `${request.method} ${request.url.split('?')[0]} not found: this server speaks GeoReport v2 in JSON (services.json, services/{service_code}.json, requests.json, requests/{id}.json)`,
      },
    ]),
  );

  // Reads follow the policy of the /api reads (a viewer key, or none with publicRead): they
  // list every report. services.json is the catalogue and stays open, as the spec says.
  app.get(
    '/services.json',
    {
      schema: {
        tags,
        summary: "Open311: the service types (the city profile's categories)",
        querystring: ServicesQuerySchema,
        response: { 200: ServicesSchema, ...errors },
      },
    },
    async () => services(app.store.profiles.current().catalogue),
  );

  app.get(
    '/services/:service_code.json',
    {
      schema: {
        tags,
        summary: "Open311: a service definition (a category's attributes)",
        description:
          'The attributes a category of the city profile asks for, to send as attribute[code]=value with POST requests.json. Open, like services.json.',
        params: Type.Object({ service_code: Type.String({ description: 'a service_code of services.json' }) }),
        querystring: ServicesQuerySchema,
        response: { 200: ServiceDefinitionSchema, ...errors },
      },
    },
    async (request) => {
      const code = request.params.service_code;
      const category = app.store.profiles.current().catalogue.category(code);
      if (!category) throw new Open311Failure(404, `service_code ${JSON.stringify(code)} was not found: choose one from services.json`);
      return serviceDefinition(category);
    },
  );

  app.post(
    '/requests.json',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags,
        summary: 'Open311: create a service request (a report)',
        description:
          'Form-encoded (application/x-www-form-urlencoded, as the spec says) or JSON. Stored as a report of category service_code, source app ' +
          '(or `source`), routed to its grid and dispatched to its department like POST /api/reports: description and address_string are the ' +
          "report's description and address, attribute[code]=value its attributes (converted by the service definition's types, then checked: " +
          'a bad value answers 400 naming it); media_url and the contact fields are kept with it. ' +
          'lat and long are required: addresses are not geocoded. Answers 201 with the report id as service_request_id.',
        querystring: Type.Object({ api_key: Type.Optional(Type.String()), jurisdiction_id: Type.Optional(Type.String()) }),
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: RequestBodySchema,
        response: { 201: RequestCreatedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body: RequestBody = request.body ?? {};
      checkOpen311Key(request, app.store, body.api_key || request.query.api_key); // empty = not sent (the spec's Optional Arguments)
      const code = body.service_code;
      if (code === undefined || code === '') throw new Open311Failure(400, 'service_code was not provided: choose one from services.json');
      const city = app.store.profiles.current();
      const category = city.catalogue.category(code);
      // unknown_category: other keeps a code the profile does not know under its own text; the report's checks flag it.
      if (!category && city.profile.unknown_category !== 'other')
        throw new Open311Failure(404, `service_code ${JSON.stringify(code)} was not found: choose one from services.json`);
      const [lat, lon] = [coordinate(body.lat, 'lat', body), coordinate(body.long, 'long', body)];
      const input = {
        id: randomUUID(),
        lon,
        lat,
        category: code,
        source: body.source ?? 'app',
        ...optional({
          crs: body.crs,
          description: body.description,
          address: body.address_string,
          attributes: attributeValues(category, body.attribute),
        }),
      };
      const routed = await app.store.open311.insert(input, fieldsOf(body));
      const grid = routed.grid_id === null ? null : (app.store.grids.gridSet()?.byId.get(routed.grid_id) ?? null);
      const street = routed.path.find((p) => p.level === 2)?.name ?? null;
      const notice = noticeText(grid, street, departmentName(city, routed.department));
      return reply.code(201).send([{ service_request_id: routed.id, service_notice: notice, account_id: body.account_id ?? null }]);
    },
  );

  app.get(
    '/requests.json',
    {
      config: { role: 'viewer' },
      schema: {
        tags,
        summary: 'Open311: list service requests',
        description:
          'Every stored report is a service request, whatever its source; its status, notes and expected time come from its case, if it has one. Newest first, at most 1,000; by default the most recent 90 days.',
        querystring: RequestsQuerySchema,
        response: { 200: ServiceRequestsSchema, ...errors },
      },
    },
    async (request) => {
      return app.store.open311.requests(requestsQuery(request.query));
    },
  );

  app.get(
    '/requests/:id.json',
    {
      config: { role: 'viewer' },
      schema: {
        tags,
        summary: 'Open311: one service request',
        params: Type.Object({ id: Type.String({ description: 'service_request_id: the report id' }) }),
        querystring: ServicesQuerySchema,
        response: { 200: ServiceRequestsSchema, ...errors },
      },
    },
    async (request) => {
      const { id } = request.params;
      const found = await app.store.open311.requests({ ids: [id], limit: 1 });
      if (!found.length) throw new Open311Failure(404, `service_request_id ${JSON.stringify(id)} was not found`);
      return found;
    },
  );

  app.post(
    '/requests/:id/rating.json',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags,
        summary: 'Open311 (citygrid extension): rate a closed service request',
        description:
          "Not in GeoReport v2, beside it in the same style: form-encoded or JSON `rating` (1 to the profile's scale, 5) and optional `comment`, with a reporter key " +
          "as for creating requests. Records the requester's satisfaction with the request's case (as POST /api/cases/{id}/rating, one per request); answers 201, or 200 for the same rating sent again.",
        params: Type.Object({ id: Type.String({ description: 'service_request_id: the report id' }) }),
        querystring: Type.Object({ api_key: Type.Optional(Type.String()) }),
        consumes: ['application/x-www-form-urlencoded', 'application/json'],
        body: Type.Object({
          rating: Type.Union([Type.Integer({ minimum: 1, maximum: 10 }), Type.String({ pattern: '^(10|[1-9])$' })]),
          comment: Type.Optional(Type.String({ maxLength: 2000 })),
          api_key: Type.Optional(Type.String()),
        }),
        response: { 200: RatedSchema, 201: RatedSchema, ...errors },
      },
    },
    async (request, reply) => {
      checkOpen311Key(
        request,
        app.store,
        request.body.api_key || request.query.api_key,
        'rate a service request (POST /open311/v2/requests/{id}/rating.json)',
      );
      const { comment } = request.body;
      const { rating, created } = await app.store.ratings.rateRequest(request.params.id, {
        rating: Number(request.body.rating),
        ...(comment !== undefined ? { comment } : {}),
      });
      return reply
        .code(created ? 201 : 200)
        .send([{ service_request_id: request.params.id, rating: rating.rating, rated_datetime: rating.rated_at }]);
    },
  );
};

/** lat or long as a number; 400 naming the field when it is missing or not a decimal. */
function coordinate(value: number | string | undefined, name: 'lat' | 'long', body: RequestBody): number {
  if (value === undefined || value === '') {
    const address = body.address_string !== undefined || body.address_id !== undefined;
    throw new Open311Failure(
      400,
      address
        ? `${name} was not provided: this server places requests by lat and long (WGS84) and does not geocode address_string or address_id; send both`
        : 'a location is required: send lat and long (WGS84 degrees)',
    );
  }
  if (typeof value === 'number') return value;
  if (!DECIMAL.test(value.trim()))
    throw new Open311Failure(400, `${name} must be a decimal number of degrees, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** The members of `fields` that were given (a report's optional members are absent, not undefined). */
function optional<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The fields kept beside the report. */
function fieldsOf(body: RequestBody): Open311Fields {
  return {
    media_url: body.media_url,
    account_id: body.account_id,
    email: body.email,
    phone: body.phone,
    first_name: body.first_name,
    last_name: body.last_name,
    device_id: body.device_id,
  };
}

/** The store query of GET requests.json. */
function requestsQuery(q: RequestsQuery): Open311Query {
  const list = (text: string | undefined) =>
    text
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const statuses = list(q.status);
  const unknown = statuses?.filter((s) => s !== 'open' && s !== 'closed');
  if (unknown?.length) throw new Open311Failure(400, `status must be open or closed (comma separated), got ${JSON.stringify(unknown[0])}`);
  // Both, or neither, is no filter; one of them filters on the report's case.
  const status =
    statuses?.length && !(statuses.includes('open') && statuses.includes('closed')) ? (statuses[0] as 'open' | 'closed') : undefined;
  const ids = list(q.service_request_id);
  if (ids?.length) return { ids, limit: MAX_REQUESTS };
  const time = (text: string | undefined, name: string) => {
    if (text === undefined || text === '') return undefined;
    const ms = parseIsoTime(text);
    if (ms === null)
      throw new Open311Failure(400, `${name} must be a w3c date-time such as 2010-01-01T00:00:00Z, got ${JSON.stringify(text)}`);
    return ms;
  };
  let fromMs = time(q.start_date, 'start_date');
  let toMs = time(q.end_date, 'end_date');
  if (fromMs !== undefined && toMs !== undefined && toMs - fromMs > MAX_SPAN_MS)
    throw new Open311Failure(400, 'start_date and end_date may not span more than 90 days');
  if (fromMs !== undefined && toMs !== undefined && toMs < fromMs) throw new Open311Failure(400, 'end_date is before start_date');
  toMs ??= fromMs === undefined ? Date.now() : fromMs + MAX_SPAN_MS;
  fromMs ??= toMs - MAX_SPAN_MS;
  return { codes: list(q.service_code), fromMs, toMs, status, limit: MAX_REQUESTS };
}

export default open311;
