import { Type } from 'typebox';

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  grids: Type.Integer(),
  reports: Type.Integer(),
});
