import type { FilterView } from '../FilterView';
import type { Expr, PropRef } from './sqlAst';

type Value = string | number | boolean | null;

/** Reads a property; application property names fall back to a case-insensitive match. */
export function readProp(ref: PropRef, view: FilterView): unknown {
  if (ref.scope === 'sys') return view.system(ref.name);
  const props = view.properties;
  if (ref.name in props) return props[ref.name];
  const lower = ref.name.toLowerCase();
  const key = Object.keys(props).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : props[key];
}

function normalise(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (Buffer.isBuffer(v)) return v.toString('hex');
  return null;
}

/** Evaluates a value expression; null is SQL's NULL (a missing property or an undefined operation). */
export function evaluate(e: Expr, view: FilterView): Value {
  switch (e.k) {
    case 'lit':
      return e.v;
    case 'prop':
      return normalise(readProp(e.ref, view));
    case 'neg': {
      const v = evaluate(e.e, view);
      return typeof v === 'number' ? -v : null;
    }
    case 'math': {
      const l = evaluate(e.l, view);
      const r = evaluate(e.r, view);
      if (e.op === '+' && typeof l === 'string' && typeof r === 'string') return l + r;
      if (typeof l !== 'number' || typeof r !== 'number') return null;
      if (e.op === '+') return l + r;
      if (e.op === '-') return l - r;
      if (e.op === '*') return l * r;
      if (r === 0) return null;
      return e.op === '/' ? l / r : l % r;
    }
    default:
      return truth(e, view);
  }
}

function compare(op: string, l: Value, r: Value): boolean | null {
  if (l === null || r === null) return null;
  if (typeof l !== typeof r) return null;
  if (typeof l === 'boolean') return op === '=' ? l === r : op === '<>' ? l !== r : null;
  const a = l;
  const b = r as string | number;
  switch (op) {
    case '=':
      return a === b;
    case '<>':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    default:
      return a >= b;
  }
}

const likeCache = new Map<string, RegExp>();
function likeRegex(pattern: string, escape: string | undefined): RegExp {
  const key = `${escape ?? ''}\u0000${pattern}`;
  let re = likeCache.get(key);
  if (!re) {
    let src = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (escape !== undefined && c === escape && i + 1 < pattern.length)
        src += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      else if (c === '%') src += '[\\s\\S]*';
      else if (c === '_') src += '[\\s\\S]';
      else src += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    re = new RegExp(`^${src}$`);
    likeCache.set(key, re);
  }
  return re;
}

/** Three-valued truth (true, false, unknown = null), as SQL-92 and Service Bus define it. */
export function truth(e: Expr, view: FilterView): boolean | null {
  switch (e.k) {
    case 'and': {
      const l = truth(e.l, view);
      if (l === false) return false;
      const r = truth(e.r, view);
      if (r === false) return false;
      return l === null || r === null ? null : true;
    }
    case 'or': {
      const l = truth(e.l, view);
      if (l === true) return true;
      const r = truth(e.r, view);
      if (r === true) return true;
      return l === null || r === null ? null : false;
    }
    case 'not': {
      const v = truth(e.e, view);
      return v === null ? null : !v;
    }
    case 'cmp':
      return compare(e.op, evaluate(e.l, view), evaluate(e.r, view));
    case 'in': {
      const v = evaluate(e.e, view);
      if (v === null) return null;
      const hit = e.list.some((item) => compare('=', v, evaluate(item, view)) === true);
      return e.not ? !hit : hit;
    }
    case 'like': {
      const v = evaluate(e.e, view);
      if (typeof v !== 'string') return null;
      const hit = likeRegex(e.pattern, e.escape).test(v);
      return e.not ? !hit : hit;
    }
    case 'isnull': {
      const isNull = evaluate(e.e, view) === null;
      return e.not ? !isNull : isNull;
    }
    case 'exists':
      return readProp(e.ref, view) !== undefined;
    default: {
      const v = evaluate(e, view);
      return typeof v === 'boolean' ? v : null;
    }
  }
}
