import { Type } from 'typebox';
import { BOUNDARY_LEVELS } from './boundary-levels.ts';

const LevelName = Type.String({ description: `boundary level: ${BOUNDARY_LEVELS.join(', ')}`, examples: ['street'] });

/** `GET /api/boundaries?level=`. */
export const BoundariesQuerySchema = Type.Object({
  level: Type.Optional(LevelName),
});

/** `PUT /api/boundaries/{level}`: the level in the path. */
export const BoundaryLevelParamsSchema = Type.Object({ level: LevelName });

/** `PUT /api/boundaries/{level}`: which properties hold what (the names the profile's `boundaries` use). */
export const BoundaryFieldsQuerySchema = Type.Object({
  id_field: Type.Optional(
    Type.String({
      minLength: 1,
      default: 'id',
      description: 'property holding the unit id; features sharing an id are one unit, their polygons unioned',
    }),
  ),
  name_field: Type.Optional(
    Type.String({ minLength: 1, default: 'name', description: 'property holding the unit name (the id when absent)' }),
  ),
  parent_field: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'property holding the parent unit id; without it the parent is the lowest loaded unit above containing the unit',
    }),
  ),
});

/** What a level import stored. */
export const LevelReplacedSchema = Type.Object({
  level: LevelName,
  units: Type.Integer({ description: 'units stored for the level' }),
  with_parent: Type.Integer({ description: 'of those, units with a parent' }),
  features: Type.Integer({ description: 'features read (several sharing an id make one unit)' }),
});

/** A loaded level in `GET /api/meta`. */
export const LoadedLevelSchema = Type.Object({
  level: LevelName,
  units: Type.Integer({ description: 'units loaded at this level' }),
});

/** `levels` of `GET /api/meta`: what the wall offers in its level switch. */
export const LoadedLevelsSchema = Type.Array(LoadedLevelSchema, {
  description: 'boundary levels loaded, from the top down, with their unit counts; a level not listed has no units (the wall hides it)',
});
