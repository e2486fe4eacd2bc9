import { Type, type Static } from 'typebox';

// A working day sampled every 5 s is 17,280 points; a day at the profile's default 30 s is 2,880.
export const MAX_TRACK_POINTS = 20_000;

const Id = Type.String({
  minLength: 1,
  maxLength: 128,
  description: "the device's client id for the patrol (a UUID): a resend answers the stored patrol",
  examples: ['5d0c3e52-8a7f-4a53-9e63-1c9fbd2e6a10'],
});

const TrackPoint = Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Union([Type.Number(), Type.Null()])], {
  description: '[lon, lat, t_ms, accuracy_m]: degrees in `crs`, UTC ms, the accuracy the phone reported (null when unknown)',
  examples: [[109.015, 32.705, 1765094400000, 12]],
});

export const PatrolBodySchema = Type.Object(
  {
    id: Id,
    person: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 128,
        description: "the patrolling person: taken from the key's person; only an admin key (or a server without keys) names it",
      }),
    ),
    started_at: Type.String({
      description: 'ISO 8601, when the patrol was started on the device',
      examples: ['2026-12-07T08:30:00+08:00'],
    }),
    ended_at: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'ISO 8601; null or absent while still on' })),
    crs: Type.Optional(
      Type.String({
        description: "the track's coordinate system: wgs84 (a phone's GPS, default) or gcj02 (WeChat's browser); stored as WGS84",
        examples: ['gcj02'],
      }),
    ),
    track: Type.Array(TrackPoint, { maxItems: MAX_TRACK_POINTS, description: 'the samples in time order' }),
  },
  { additionalProperties: false },
);

export type PatrolBody = Static<typeof PatrolBodySchema>;

export const CheckinSchema = Type.Object({
  grid_id: Type.String(),
  checked_in_at: Type.String({ description: 'ISO 8601 UTC: the first sample inside the grid' }),
  lon: Type.Number({ description: 'WGS84 of that sample' }),
  lat: Type.Number(),
});

export type Checkin = Static<typeof CheckinSchema>;

export const PatrolSchema = Type.Object({
  id: Type.String(),
  person_id: Type.String(),
  started_at: Type.String({ description: 'ISO 8601 UTC' }),
  ended_at: Type.Union([Type.String(), Type.Null()]),
  points: Type.Integer(),
  distance_m: Type.Number({ description: 'along the track, metres' }),
  // An array, not a tuple: fast-json-stringify cannot serialise a tuple with a nullable item.
  track: Type.Array(Type.Array(Type.Union([Type.Number(), Type.Null()]), { minItems: 4, maxItems: 4 }), {
    description: '[lon, lat, t_ms, accuracy_m] in WGS84 (accuracy null when unknown)',
  }),
  received_at: Type.String({ description: 'ISO 8601 UTC' }),
  checkins: Type.Array(CheckinSchema, { description: 'one per grid entered, in time order (出勤率 counts them per local day)' }),
});

export type Patrol = Static<typeof PatrolSchema>;

export const PatrolQuerySchema = Type.Object(
  {
    person: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: "a person's id; an inspector key sees its own only" })),
    from: Type.Optional(Type.String({ description: 'ISO 8601: patrols started at or after' })),
    to: Type.Optional(Type.String({ description: 'ISO 8601: patrols started before' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  },
  { additionalProperties: false },
);

export type PatrolQuery = Static<typeof PatrolQuerySchema>;

export const PatrolListSchema = Type.Object({ patrols: Type.Array(PatrolSchema, { description: 'newest first' }) });
