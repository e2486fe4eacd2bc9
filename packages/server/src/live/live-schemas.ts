import { Type, type Static } from 'typebox';

/** A stored report as the live feed sends it: the facts of its arrival, never rewritten. */
export const ReportEventSchema = Type.Object({
  seq: Type.Integer({
    minimum: 1,
    description: "the report's place in storage order (1, 2, 3 …), also the event id: resume after it with Last-Event-ID",
  }),
  id: Type.String(),
  lon: Type.Number({ description: 'WGS84 degrees' }),
  lat: Type.Number({ description: 'WGS84 degrees' }),
  category: Type.String(),
  source: Type.String(),
  created_at: Type.String({ description: 'ISO 8601, UTC' }),
  grid_id: Type.Union([Type.String(), Type.Null()], {
    description:
      'the grid that routed it on arrival (what POST /api/reports answered; null outside every grid). A later publish re-routes the stored report (GET /api/reports) but not this event',
  }),
  version: Type.Union([Type.Integer(), Type.Null()], { description: 'the grid version that routed it on arrival' }),
});

export type ReportEvent = Static<typeof ReportEventSchema>;

/** `event: stats`: what the connection passed since its previous stats event, per grid. */
export const StatsEventSchema = Type.Object({
  since: Type.Integer({ description: 'counts cover seq > since …' }),
  through: Type.Integer({ description: '… and seq ≤ through; also the event id' }),
  total: Type.Integer({ description: "reports matching the connection's filter in (since, through]" }),
  outside: Type.Integer({ description: 'of those, reports outside every grid' }),
  grids: Type.Array(Type.Object({ id: Type.String(), count: Type.Integer({ minimum: 1 }) }), {
    description: 'grids with new reports, most first',
  }),
});

export type StatsEvent = Static<typeof StatsEventSchema>;

/** `event: case`: a committed case event (cases/), live only: no id, not replayed. */
export const CaseLiveEventSchema = Type.Object({
  case_id: Type.String(),
  seq: Type.Integer({ minimum: 1, description: "the event's place in the case log (not a report seq: case frames carry no SSE id)" }),
  action: Type.String({ description: 'the workflow action, or open / join' }),
  stage: Type.String({ description: "the case's stage after it" }),
  version: Type.Integer({ minimum: 1 }),
  department: Type.Union([Type.String(), Type.Null()]),
  grid_id: Type.Union([Type.String(), Type.Null()]),
  overdue: Type.Boolean({ description: 'at the time of the event' }),
});

export type CaseLiveEvent = Static<typeof CaseLiveEventSchema>;

/** `event: ready`, first on every connection. */
export const ReadyEventSchema = Type.Object({
  after: Type.Integer({ description: 'events follow from seq after + 1: Last-Event-ID, or the newest report at connect' }),
  last: Type.Integer({ description: "the newest stored report's seq at connect" }),
  reset: Type.Optional(
    Type.Boolean({
      description:
        'true when Last-Event-ID was beyond the newest report (another database, or one restored from a backup): counts kept from before are not continued',
    }),
  ),
});

export const StreamQuerySchema = Type.Object({
  category: Type.Optional(Type.String({ description: 'only these event type codes, comma-separated', examples: ['06010,09006'] })),
  grid: Type.Optional(
    Type.String({ description: 'only reports routed (on arrival) to these grid ids, comma-separated', examples: ['610902001008001'] }),
  ),
  events: Type.Optional(
    Type.String({ description: 'which events: report, stats, case, comma-separated; default all three', examples: ['stats,case'] }),
  ),
  lastEventId: Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,15}$',
      description: 'resume after this seq when the Last-Event-ID header cannot be set (a first EventSource connection); the header wins',
    }),
  ),
});

export type StreamQuery = Static<typeof StreamQuerySchema>;
