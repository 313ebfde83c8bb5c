/**
 * Wix Data's query language over stored items: the filter operators the SDK sends
 * ($eq by plain value, $ne, $gt, $gte, $lt, $lte, $in, $hasSome, $hasAll, $contains,
 * $startsWith, $endsWith, $exists, $and, $or, $not) and sort by field.
 */
import { isRecord } from '../platform/json.js';

export type DataItem = Record<string, unknown>;

/** Dates travel as {"$date": ISO}; compare them as instants. */
function comparable(value: unknown): unknown {
  if (isRecord(value) && typeof value.$date === 'string') return Date.parse(value.$date);
  return value;
}

function fieldValue(item: DataItem, fieldPath: string): unknown {
  let current: unknown = item;
  for (const key of fieldPath.split('.')) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

function equal(a: unknown, b: unknown): boolean {
  const left = comparable(a);
  const right = comparable(b);
  if (left === right) return true;
  if ((left === undefined || left === null) && (right === undefined || right === null)) return true;
  return JSON.stringify(left) === JSON.stringify(right);
}

function compare(a: unknown, b: unknown): number | undefined {
  const left = comparable(a);
  const right = comparable(b);
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'string' && typeof right === 'string') return left < right ? -1 : left > right ? 1 : 0;
  return undefined;
}

export class QueryError extends Error {}

function matchOperator(value: unknown, operator: string, operand: unknown): boolean {
  switch (operator) {
    case '$eq':
      return equal(value, operand);
    case '$ne':
      return !equal(value, operand);
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte': {
      const order = compare(value, operand);
      if (order === undefined) return false;
      return operator === '$gt' ? order > 0 : operator === '$gte' ? order >= 0 : operator === '$lt' ? order < 0 : order <= 0;
    }
    case '$in':
      return Array.isArray(operand) && operand.some((candidate) => equal(value, candidate));
    case '$hasSome': {
      if (!Array.isArray(operand)) return false;
      const values = Array.isArray(value) ? value : [value];
      return operand.some((candidate) => values.some((v) => equal(v, candidate)));
    }
    case '$hasAll': {
      if (!Array.isArray(operand)) return false;
      const values = Array.isArray(value) ? value : [value];
      return operand.every((candidate) => values.some((v) => equal(v, candidate)));
    }
    case '$contains':
      return typeof value === 'string' && typeof operand === 'string' && value.toLowerCase().includes(operand.toLowerCase());
    case '$startsWith':
      return typeof value === 'string' && typeof operand === 'string' && value.toLowerCase().startsWith(operand.toLowerCase());
    case '$endsWith':
      return typeof value === 'string' && typeof operand === 'string' && value.toLowerCase().endsWith(operand.toLowerCase());
    case '$exists':
      return (value !== undefined) === Boolean(operand);
    default:
      throw new QueryError(`Unsupported filter operator ${operator}`);
  }
}

export function matches(item: DataItem, filter: unknown): boolean {
  if (filter === undefined || filter === null) return true;
  if (!isRecord(filter)) throw new QueryError('filter must be an object');
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and') return Array.isArray(condition) && condition.every((sub) => matches(item, sub));
    if (key === '$or') return Array.isArray(condition) && condition.some((sub) => matches(item, sub));
    if (key === '$not') {
      const subs = Array.isArray(condition) ? condition : [condition];
      return !subs.every((sub) => matches(item, sub));
    }
    const value = fieldValue(item, key);
    const isOperatorObject = isRecord(condition) && Object.keys(condition).some((k) => k.startsWith('$') && k !== '$date');
    if (!isOperatorObject) return equal(value, condition);
    return Object.entries(condition as Record<string, unknown>).every(([operator, operand]) => matchOperator(value, operator, operand));
  });
}

export interface SortSpec {
  fieldName: string;
  order?: 'ASC' | 'DESC';
}

export function sortItems(items: DataItem[], sort: SortSpec[] | undefined): DataItem[] {
  if (!sort || sort.length === 0) return items;
  return [...items].sort((a, b) => {
    for (const { fieldName, order } of sort) {
      const left = fieldValue(a, fieldName);
      const right = fieldValue(b, fieldName);
      if (equal(left, right)) continue;
      if (left === undefined || left === null) return order === 'DESC' ? 1 : -1;
      if (right === undefined || right === null) return order === 'DESC' ? -1 : 1;
      const result = compare(left, right) ?? String(comparable(left)).localeCompare(String(comparable(right)));
      if (result !== 0) return order === 'DESC' ? -result : result;
    }
    return 0;
  });
}
