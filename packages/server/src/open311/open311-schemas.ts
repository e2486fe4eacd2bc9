import { Type, type Static } from 'typebox';

// Field names and meanings are GeoReport v2's (wiki.open311.org/GeoReport_v2); descriptions
// say how each maps onto a citygrid report.

const jurisdiction = Type.Optional(Type.String({ description: 'ignored: this endpoint serves one jurisdiction' }));

export const ServiceSchema = Type.Object({
  service_code: Type.String({
    description: "a category code of the city profile's catalogue (a report's category): a GB/T 47678.5 matter code or the city's own",
    examples: ['06010'],
  }),
  service_name: Type.String({ examples: ['暴露垃圾'] }),
  description: Type.String({ description: 'English name (else the name), with the group and the GB/T 47678.5 code it counts as' }),
  metadata: Type.Boolean({ description: 'true when the category has attributes: read them at services/{service_code}.json' }),
  type: Type.Literal('realtime', { description: 'always realtime: the service_request_id is answered at once' }),
  keywords: Type.String({ description: 'the English name and group, comma separated' }),
  group: Type.String({
    description: "the category's group, by default its 大类 (class), e.g. 市容环境类; empty for a city code with neither",
  }),
});

export const ServicesSchema = Type.Array(ServiceSchema);

export const ServiceAttributeSchema = Type.Object({
  variable: Type.Boolean({ description: 'always true: every attribute is asked of the requester' }),
  code: Type.String({ description: 'the attribute key: send it as attribute[code]=value', examples: ['area_m2'] }),
  datatype: Type.Union(
    [
      Type.Literal('string'),
      Type.Literal('number'),
      Type.Literal('datetime'),
      Type.Literal('text'),
      Type.Literal('singlevaluelist'),
      Type.Literal('multivaluelist'),
    ],
    {
      description:
        "number for the profile's number and integer, singlevaluelist for enum (its options) and boolean (true, false), string for string",
    },
  ),
  required: Type.Boolean(),
  datatype_description: Type.Union([Type.String(), Type.Null()], {
    description: 'whole number, range and unit when the profile gives them',
  }),
  order: Type.Integer({ description: 'position in the form, from 1' }),
  description: Type.String({ description: "the attribute's name (and English name)" }),
  values: Type.Optional(
    Type.Array(Type.Object({ key: Type.String(), name: Type.String() }), { description: 'singlevaluelist: the values allowed' }),
  ),
});

export const ServiceDefinitionSchema = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(ServiceAttributeSchema, {
    description: "the category's attributes in the profile (GET /api/profile/catalogue); empty when it has none",
  }),
});

export const ServicesQuerySchema = Type.Object({ jurisdiction_id: jurisdiction });

const text = (description: string, maxLength = 255) => Type.Optional(Type.String({ description, maxLength }));
const numberOrText = (description: string) => Type.Optional(Type.Union([Type.Number(), Type.String()], { description }));

/**
 * POST requests.json: form-encoded as the spec says (`attribute[code]=value` pairs become
 * `attribute`), or the same fields as JSON.
 */
export const RequestBodySchema = Type.Object(
  {
    api_key: Type.Optional(
      Type.String({
        description:
          'API key (also accepted in the query string or as Authorization: Bearer / X-API-Key); needs the reporter role when access control is on',
      }),
    ),
    jurisdiction_id: jurisdiction,
    service_code: Type.Optional(Type.String({ description: 'from services.json: the category code; required', examples: ['06010'] })),
    lat: numberOrText('latitude, WGS84 degrees (or in `crs`); required: this server routes by position and does not geocode addresses'),
    long: numberOrText('longitude, WGS84 degrees (or in `crs`); required with lat'),
    address_string: text("the report's `address`, served as `address`; not geocoded", 500),
    address_id: text('not supported: send lat and long'),
    email: text('kept for the city, never served'),
    device_id: text('kept for the city, never served'),
    account_id: text('echoed in the answer; kept, never served in request lists'),
    first_name: text('kept for the city, never served'),
    last_name: text('kept for the city, never served'),
    phone: text('kept for the city, never served', 64),
    description: text("the report's `description`: free text, up to 4,000 characters", 4000),
    media_url: text('a URL to a photo or other media', 2048),
    attribute: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]), {
        description:
          "attribute[code]=value pairs of the service definition (services/{service_code}.json): converted by type (numbers, true/false) and checked and stored as the report's `attributes`",
      }),
    ),
    crs: Type.Optional(
      Type.String({
        description:
          'citygrid extension: the coordinate system of lat/long (gcj02 for WeChat and AMap apps, bd09 for Baidu); default WGS84 as the spec says',
      }),
    ),
    source: Type.Optional(
      Type.String({
        description: "citygrid extension: the report's channel, a source of the city profile (GET /api/profile/catalogue); default app",
      }),
    ),
  },
  { additionalProperties: true },
);

export type RequestBody = Static<typeof RequestBodySchema>;

export const RequestCreatedSchema = Type.Array(
  Type.Object({
    service_request_id: Type.String({ description: 'the report id' }),
    service_notice: Type.Union([Type.String(), Type.Null()], {
      description: "the grid and department (by the city profile's dispatch) it was sent to (Chinese)",
    }),
    account_id: Type.Union([Type.String(), Type.Null()]),
  }),
);

export const ServiceRequestSchema = Type.Object({
  service_request_id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')], {
    description:
      "closed when the report's case is in a terminal stage (closed 结案, rejected 不予立案, merged); open otherwise, and for a report without a case",
  }),
  status_notes: Type.Union([Type.String(), Type.Null()], {
    description: "the last note on the report's case (docs/cases.md); null without one",
  }),
  service_name: Type.Union([Type.String(), Type.Null()]),
  service_code: Type.String(),
  description: Type.Union([Type.String(), Type.Null()], { description: "the report's description" }),
  agency_responsible: Type.Union([Type.String(), Type.Null()], {
    description: "the name of the report's department, dispatched by the city profile when it was stored",
  }),
  service_notice: Type.Union([Type.String(), Type.Null()], {
    description: 'the grid (current version) and department responsible, or that the place is in no grid',
  }),
  requested_datetime: Type.String({ description: 'created_at, ISO 8601 UTC' }),
  updated_datetime: Type.String({ description: "the last event of the report's case, else when the report was stored; ISO 8601 UTC" }),
  expected_datetime: Type.Union([Type.String(), Type.Null()], {
    description: "when the case's current stage is due (due_at), ISO 8601 UTC; null without a case or a due time",
  }),
  address: Type.Union([Type.String(), Type.Null()]),
  address_id: Type.Null(),
  zipcode: Type.Null(),
  lat: Type.Number({ description: 'WGS84' }),
  long: Type.Number({ description: 'WGS84' }),
  media_url: Type.Union([Type.String(), Type.Null()]),
});

export const ServiceRequestsSchema = Type.Array(ServiceRequestSchema);

export const RequestsQuerySchema = Type.Object({
  jurisdiction_id: jurisdiction,
  service_request_id: Type.Optional(Type.String({ description: 'one id or several, comma separated; overrides every other parameter' })),
  service_code: Type.Optional(Type.String({ description: 'one code or several, comma separated' })),
  start_date: Type.Optional(
    Type.String({
      description: 'requested_datetime ≥ this (ISO 8601); the range is at most 90 days, the most recent 90 days by default',
      examples: ['2026-05-01T00:00:00+08:00'],
    }),
  ),
  end_date: Type.Optional(Type.String({ description: 'requested_datetime ≤ this (ISO 8601)', examples: ['2026-06-01T00:00:00+08:00'] })),
  status: Type.Optional(
    Type.String({ description: "open, closed, or both comma separated; closed: the report's case is in a terminal stage" }),
  ),
});

export type RequestsQuery = Static<typeof RequestsQuerySchema>;

export const Open311ErrorSchema = Type.Array(
  Type.Object({
    code: Type.Integer({ description: 'the HTTP status' }),
    description: Type.String({ description: 'what is wrong (with the CG_ERR_* code) and the fix' }),
  }),
  { description: 'GeoReport v2 errors: one entry per problem' },
);
