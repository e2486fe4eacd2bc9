import { Type } from 'typebox';

export const HealthQuerySchema = Type.Object(
  {
    detail: Type.Optional(Type.Boolean({ description: 'add the grid and report counts (a count of the tables, not for load balancers)' })),
  },
  { additionalProperties: false },
);

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  grids: Type.Optional(Type.Integer({ description: 'with detail=1: grids of the current version' })),
  reports: Type.Optional(Type.Integer({ description: 'with detail=1: stored reports' })),
});
