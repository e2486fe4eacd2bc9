import type { AttributeValues, CategoryAttribute, CityCatalogue, CityCategory } from '@citygrid/core';
import type { Static } from 'typebox';
import type { ReportInput } from '../reports/report-schemas.ts';
import type { ServiceAttributeSchema, ServiceDefinitionSchema, ServiceSchema } from './open311-schemas.ts';

type Service = Static<typeof ServiceSchema>;
type ServiceAttribute = Static<typeof ServiceAttributeSchema>;

// The standard the catalogue's codes come from; a category's `standard` is one of its matters.
const STANDARD = 'GB/T 47678.5';
const LISTS = new WeakMap<CityCatalogue, Service[]>();
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The profile's catalogue as GeoReport v2 services, one per category, in catalogue order
 * (standard matters, then the city's own); built once per catalogue.
 * @example services(store.profiles.current().catalogue).find((s) => s.service_code === '06010')?.service_name // '暴露垃圾'
 */
export function services(catalogue: CityCatalogue): Service[] {
  let list = LISTS.get(catalogue);
  if (!list) {
    list = catalogue.categories.map(service);
    LISTS.set(catalogue, list);
  }

  return list;
}

/** One category as a service: `metadata` is true when it asks for attributes (its service definition). */
function service(c: CityCategory): Service {
  const about = [c.group, c.standard === null ? null : `${STANDARD} ${c.standard}`].filter((s) => s !== null);
  return {
    service_code: c.code,
    service_name: c.name,
    description: `${c.en ?? c.name}${about.length ? ` (${about.join(', ')})` : ''}`,
    metadata: c.attributes.length > 0,
    type: 'realtime',
    keywords: [c.en, c.group].filter((s) => s !== null).join(', '),
    group: c.group ?? '',
  };
}

/**
 * A category's service definition (GET services/{code}.json): its attributes as GeoReport v2
 * attributes, in the profile's order. Numbers and integers are `number`; an enum is a
 * `singlevaluelist` of its options, a boolean one of `true` and `false`; text is `string`.
 * @example serviceDefinition(category).attributes[0] // { variable: true, code: 'area_m2', datatype: 'number', required: false, … }
 */
export function serviceDefinition(category: CityCategory): Static<typeof ServiceDefinitionSchema> {
  return { service_code: category.code, attributes: category.attributes.map(serviceAttribute) };
}

function serviceAttribute(a: CategoryAttribute, index: number): ServiceAttribute {
  const base = {
    variable: true,
    code: a.key,
    required: a.required === true,
    datatype_description: datatypeDescription(a),
    order: index + 1,
    description: `${a.name}${a.en ? ` (${a.en})` : ''}`,
  };
  switch (a.type) {
    case 'number':
    case 'integer':
      return { ...base, datatype: 'number' };
    case 'enum':
      return { ...base, datatype: 'singlevaluelist', values: (a.options ?? []).map((o) => ({ key: o, name: o })) };
    case 'boolean':
      return {
        ...base,
        datatype: 'singlevaluelist',
        values: [
          { key: 'true', name: '是' },
          { key: 'false', name: '否' },
        ],
      };
    case 'string':
      return { ...base, datatype: 'string' };
  }
}

/** What a value must be, for the client's form: whole number, range, unit, length; null when nothing more than the datatype. */
function datatypeDescription(a: CategoryAttribute): string | null {
  const parts: string[] = [];
  if (a.type === 'integer') parts.push('a whole number');
  if (a.min !== undefined) parts.push(`≥ ${a.min}`);
  if (a.max !== undefined) parts.push(`≤ ${a.max}`);
  if (a.unit) parts.push(`in ${a.unit}`);
  if (a.type === 'string' && a.max_length !== undefined) parts.push(`at most ${a.max_length} characters`);
  return parts.length ? parts.join(', ') : null;
}

/**
 * `attribute[code]=value` pairs as a report's `attributes`: text converted by each attribute's
 * type (numbers parsed, `true`/`false` as booleans; a one-item list as its item), so the
 * report's checks see typed values. A value that does not convert, or a code the category
 * does not define, is passed on as sent for those checks to refuse, naming it.
 * @param category the request's category; undefined for one the profile does not know (kept as text)
 * @example attributeValues(category, { area_m2: '620', fenced: 'true' }) // { area_m2: 620, fenced: true }
 */
export function attributeValues(
  category: CityCategory | undefined,
  sent: Record<string, string | string[]> | undefined,
): ReportInput['attributes'] {
  if (!sent) return undefined;
  const defs = new Map(category?.attributes.map((a) => [a.key, a]));
  const out: Record<string, unknown> = {};
  for (const [code, raw] of Object.entries(sent)) {
    const value = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
    const def = defs.get(code);
    out[code] = def && typeof value === 'string' ? converted(def, value) : value;
  }
  // Several values for one attribute stay a list: every attribute is single-valued, so the checks refuse it.
  return out as ReportInput['attributes'];
}

function converted(def: CategoryAttribute, text: string): AttributeValues[string] {
  const t = text.trim();
  if ((def.type === 'number' || def.type === 'integer') && DECIMAL.test(t)) return Number(t);
  if (def.type === 'boolean' && (t === 'true' || t === 'false')) return t === 'true';
  return text;
}
