// core's ambient module declaration for geojson-validation sits in core/src, outside this
// project's `include`, so type-checking core's sources from here cannot see it. Pulling it in
// by reference keeps one declaration. Delete once core references it from parse-grids.ts.
/// <reference path="../../../core/src/grids/geojson-validation.d.ts" />
