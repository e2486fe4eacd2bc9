// The whole public API of @citygrid/core. Anything not exported here may change freely.
export { ERRORS, CitygridError, defineCatalogue, problem, problemFrom } from './errors.ts';
export { parseGrids } from './grids/parse-grids.ts';
export { ellipsoidalArea, ringArea } from './geom/ellipsoidal-area.ts';
export { centroid } from './geom/centroid.ts';
export { interiorPoint } from './geom/interior-point.ts';
export { unionPolygons } from './geom/union-polygons.ts';
export { routePoint } from './routing/route-point.ts';
export { createRouter } from './routing/create-router.ts';
export { flattenGrids } from './routing/flat-parts.ts';
export { locatorFromIndex, routerFromIndex, routerIndex } from './routing/router-index.ts';
export { gridPaths } from './routing/grid-paths.ts';
export { POINT_CRSES, parsePointCrs } from './crs/point-crs.ts';
export { toWgs84, toWgs84Batch } from './crs/to-wgs84.ts';
export { createDispatcher } from './dispatch/create-dispatcher.ts';
export { DEFAULT_DISPATCH_RULES } from './dispatch/dispatch-rules.ts';
export { metresPerDegree, segmentDistance } from './geom/local-metres.ts';
export { checkLonLat } from './geom/check-lon-lat.ts';
export { parseDecimal } from './geom/parse-decimal.ts';
export { countByGrid } from './density/count-by-grid.ts';
export { getisOrdGi } from './density/getis-ord-gi.ts';
export { gridAdjacency } from './topology/grid-adjacency.ts';
export { diffGrids } from './versions/diff-grids.ts';
export { CASE_TYPES, REPORT_SOURCES, caseType } from './codes/case-type.ts';
export { GBT_47678_5 } from './catalogue/gbt-47678-5.ts';
export { standardComponent, standardMatter } from './catalogue/standard-catalogue.ts';
export { AttributeSchema, DepartmentSchema, ProfileSchema, TeamRoleSchema, LEVELS } from './profile/profile-schema.ts';
export { DEFAULT_PROFILE, DEFAULT_REPORT_TIMES } from './profile/default-profile.ts';
export { STANDARD_SOURCES } from './profile/standard-sources.ts';
export { checkProfile } from './profile/check-profile.ts';
export { cityCatalogue } from './profile/city-catalogue.ts';
export { checkAttributes } from './profile/check-attributes.ts';
export { profileDispatcher } from './profile/profile-dispatcher.ts';
export { isTimezone } from './profile/timezone.ts';
export { dayNumber, isoDate, localDay, localInstant, offsetMinutes, wallToUtc } from './cases/local-time.ts';
export { parseGridCode, formatGridCode } from './codes/grid-code.ts';
export { splitArea } from './split-area/split-area.ts';
export { regularGrid } from './regular-grid/regular-grid.ts';
export { gridsFromBoundaries } from './grids/grids-from-boundaries.ts';
export { partitionQuality } from './grids/partition-quality.ts';
export { readingOrder } from './codes/reading-order.ts';
export { assignCodes } from './codes/assign-codes.ts';
export { checkCodes } from './codes/check-codes.ts';
export { mulberry32 } from './random/mulberry32.ts';
export { validateCoverage } from './coverage/validate-coverage.ts';
export { COVERAGE_KINDS } from './coverage/types.ts';
export { repairCoverage, REPAIR_STRATEGIES } from './coverage/repair-coverage.ts';
export { mergeGrids } from './edit/merge-grids.ts';
export { splitGrid } from './edit/split-grid.ts';
export { moveBoundary } from './edit/move-boundary.ts';
export { diffRing, gridsWithVertex, insertVertex, moveVertex } from './edit/vertex-edit.ts';
export { splitAlong } from './edit/split-along.ts';
export { ACTION_EFFECTS, ACTION_NEEDS, CASE_ROLES } from './profile/profile-schema.ts';
export { DEFAULT_WORKFLOW } from './profile/default-workflow.ts';
export { DEFAULT_TIME_LIMITS, DEFAULT_URGENCIES, DEFAULT_WORKING_HOURS } from './profile/default-time-limits.ts';
export { prcWorkingDay, workingCalendar } from './cases/working-calendar.ts';
export { addWorkingMs, dueAt, limitClock, workingMsBetween } from './cases/time-limit.ts';
export { stageLimit } from './cases/stage-limit.ts';
export { caseContext } from './cases/case-context.ts';
export { joinReport, openCase, overdue, stageClock } from './cases/case-state.ts';
export { allowedActions, mayTake, outOfScope, whyNot } from './cases/allowed-actions.ts';
export { applyAction } from './cases/apply-action.ts';
export { replayCase } from './cases/replay-case.ts';
export { findDuplicate } from './cases/find-duplicate.ts';
export { workflowDiagram } from './cases/workflow-diagram.ts';
export { CSV_FORMULA_SQL, csvSafeCell } from './input/csv-cell.ts';
export { findMalformedInput, malformedProblem, MAX_INPUT_DEPTH } from './input/malformed-input.ts';
export { parsePeriod, periodOf, previousPeriod, shiftPeriod } from './period/period.ts';
export { INDICATORS, INDICATOR_NAMES, isIndicatorName } from './assessment/indicators.ts';
export { caseFacts } from './assessment/case-facts.ts';
export { addCounts, fraction, INDICATOR_COUNTS, NO_COUNTS, unitIndicators } from './assessment/unit-indicators.ts';
export { failsGrade, gradeOf, scoreUnit } from './assessment/score-unit.ts';
export { rankScores } from './assessment/rank-units.ts';
export { unitFlags } from './assessment/unit-flags.ts';
export { attendanceCounts, requiredDays } from './assessment/attendance.ts';
export { assessUnits } from './assessment/assess-units.ts';
export { AssessmentSettingsSchema, assessmentSettings, DEFAULT_ASSESSMENT } from './profile/assessment-settings.ts';
export { DEFAULT_RISK, RiskSettingsSchema, riskSettings } from './profile/risk-settings.ts';
export { riskScores } from './risk/risk-scores.ts';
export { riskLevel, riskLevelSeries } from './risk/risk-levels.ts';
export { overdueSpans } from './risk/overdue-spans.ts';

export type { Catalogue, ErrorEntry, ErrorCode, Problem } from './errors.ts';
export type { SplitGridOptions } from './edit/split-grid.ts';
export type { MoveVertexOptions, RingEdit } from './edit/vertex-edit.ts';
export type { SplitAlongOptions, SplitAlongResult } from './edit/split-along.ts';
export type { ParseGridsOptions, ParseGridsResult } from './grids/parse-grids.ts';
export type { GridCount } from './density/count-by-grid.ts';
export type { GiStar } from './density/getis-ord-gi.ts';
export type { GridAdjacency, GridAdjacencyOptions } from './topology/grid-adjacency.ts';
export type { CaseType } from './codes/case-type.ts';
export type { CatalogueEntry, CatalogueKind, CatalogueMajor } from './catalogue/gbt-47678-5.ts';
export type { StandardType } from './catalogue/standard-catalogue.ts';
export type {
  BoundaryFile,
  CategoryAttribute,
  CityProfile,
  Department,
  DispatchRule,
  Level,
  ProfileCategory,
  ProfileCorridor,
  ProfileSource,
  TeamRole,
} from './profile/profile-schema.ts';
export type { MalformedInput } from './input/malformed-input.ts';
export type { CheckProfileResult } from './profile/check-profile.ts';
export type { CityCatalogue, CityCategory, CitySource } from './profile/city-catalogue.ts';
export type { AttributeProblem, AttributeValues } from './profile/check-attributes.ts';
export type { DispatchInput, ProfileDispatch, ProfileDispatcher } from './profile/profile-dispatcher.ts';
export type { GridCodeParts } from './codes/grid-code.ts';
export type { BBox, Grid, GridGeometry, GridSet, LonLat, Report, ReportSource } from './types.ts';
export type { CutLines, LoadPoint, SplitAreaOptions } from './split-area/split-area.ts';
export type { RegularCellProperties, RegularGridOptions } from './regular-grid/regular-grid.ts';
export type { BoundaryGridProperties, GridsFromBoundariesOptions } from './grids/grids-from-boundaries.ts';
export type { GridQuality, PartitionQuality, PartitionQualityOptions, Spread, WeightedPoint } from './grids/partition-quality.ts';
export type { ReadingOrderOptions } from './codes/reading-order.ts';
export type { AssignCodesOptions } from './codes/assign-codes.ts';
export type { CheckCodesOptions, CodedGrid } from './codes/check-codes.ts';
export type { GridLike } from './geom/geometry-of.ts';
export type { Router, RouterOptions, RouteMatch, RouteResult } from './routing/create-router.ts';
export type { Overlap } from './routing/find-overlaps.ts';
export type { FlatGrids } from './routing/flat-parts.ts';
export type { Locator, RouterIndex } from './routing/router-index.ts';
export type { PathEntry } from './routing/grid-paths.ts';
export type { PointCrs } from './crs/point-crs.ts';
export type { LonLatProblem } from './geom/check-lon-lat.ts';
export type { Dispatcher, DispatcherOptions, DispatchReport, DispatchResult, RouteLike, RouterLike } from './dispatch/create-dispatcher.ts';
export type {
  CoverageProblem,
  CoverageProblemKind,
  CoverageProgress,
  CoverageResult,
  CoverageStats,
  ValidateCoverageOptions,
  GridAreaChange,
  RepairAction,
  RepairCoverageOptions,
  RepairResult,
  RepairStrategy,
} from './coverage/types.ts';
export type { DispatchRules, RuleKind } from './dispatch/dispatch-rules.ts';
export type { CorridorFeature, CorridorInput, CorridorProperties } from './dispatch/corridor-index.ts';
export type { AreaShare, GridChange, GridsDiff } from './versions/diff-grids.ts';
export type {
  ActionEffect,
  ActionNeed,
  CaseRole,
  Limit,
  TimeLimit,
  Urgency,
  Workflow,
  WorkflowAction,
  WorkflowStage,
} from './profile/profile-schema.ts';
export type { WorkingCalendar } from './cases/working-calendar.ts';
export type { LimitKey } from './cases/stage-limit.ts';
export type { CaseContext } from './cases/case-context.ts';
export type { CaseOpening, CaseState } from './cases/case-state.ts';
export type { Period } from './period/period.ts';
export type { IndicatorInfo, IndicatorName } from './assessment/indicators.ts';
export type { CaseFacts } from './assessment/case-facts.ts';
export type { IndicatorValue, UnitCounts } from './assessment/unit-indicators.ts';
export type { UnitFlag } from './assessment/unit-flags.ts';
export type { AssessedUnit, UnitInput } from './assessment/assess-units.ts';
export type { AssessmentSettings, AssessmentSettingsInput } from './profile/assessment-settings.ts';
export type { RiskLevelSetting, RiskSettings, RiskSettingsInput } from './profile/risk-settings.ts';
export type { RiskComponents, RiskInput, RiskScore } from './risk/risk-scores.ts';
export type { RiskLevelStep } from './risk/risk-levels.ts';
export type { CaseActor } from './cases/allowed-actions.ts';
export type { ApplyResult, CaseEvent } from './cases/apply-action.ts';
export type { ReplayResult } from './cases/replay-case.ts';
export type { DuplicateCandidate, DuplicateProbe } from './cases/find-duplicate.ts';
