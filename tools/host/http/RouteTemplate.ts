import { RouteTemplateError } from '../errors';
import { routeConstraint, type ConstraintCheck } from './routeConstraints';

interface Param {
  name: string;
  optional: boolean;
  catchAll: boolean;
  defaultValue: string | undefined;
  checks: ConstraintCheck[];
}

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'param'; param: Param }
  | { kind: 'complex'; regex: RegExp; params: Param[] };

function parseParam(spec: string, template: string): Param {
  let rest = spec;
  let catchAll = false;
  if (rest.startsWith('**')) [catchAll, rest] = [true, rest.slice(2)];
  else if (rest.startsWith('*')) [catchAll, rest] = [true, rest.slice(1)];
  const nameEnd = rest.search(/[:=?]|$/);
  const name = rest.slice(0, nameEnd);
  if (!/^[A-Za-z_][\w]*$/.test(name))
    throw new RouteTemplateError(`bad parameter name '${name}' in route '${template}'`);
  rest = rest.slice(nameEnd);
  const checks: ConstraintCheck[] = [];
  while (rest.startsWith(':')) {
    const m = /^:([A-Za-z]+)/.exec(rest);
    if (!m?.[1]) throw new RouteTemplateError(`bad constraint in '{${spec}}' of route '${template}'`);
    rest = rest.slice(m[0].length);
    let arg: string | undefined;
    if (rest.startsWith('(')) {
      // Balanced parentheses: regex constraints contain their own groups.
      let depth = 0;
      let i = 0;
      for (; i < rest.length; i++) {
        if (rest[i] === '\\') i++;
        else if (rest[i] === '(') depth++;
        else if (rest[i] === ')' && --depth === 0) break;
      }
      if (depth !== 0) throw new RouteTemplateError(`unbalanced parentheses in route '${template}'`);
      arg = rest.slice(1, i);
      rest = rest.slice(i + 1);
    }
    checks.push(routeConstraint(m[1], arg));
  }
  let optional = false;
  let defaultValue: string | undefined;
  if (rest.startsWith('=')) [defaultValue, rest] = [rest.slice(1), ''];
  else if (rest === '?') [optional, rest] = [true, ''];
  if (rest !== '') throw new RouteTemplateError(`cannot parse '{${spec}}' in route '${template}'`);
  return { name, optional, catchAll, defaultValue, checks };
}

type Part = { literal: string } | { param: string };

/** Splits a segment into literals and `{...}` parameters; `{{` and `}}` are escaped braces (as in regex constraints). */
function scan(text: string, template: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ((c === '{' || c === '}') && text[i + 1] === c) {
      literal += c;
      i++;
    } else if (c === '{') {
      let j = i + 1;
      let spec = '';
      for (; j < text.length; j++) {
        const d = text[j]!;
        if ((d === '{' || d === '}') && text[j + 1] === d) {
          spec += d;
          j++;
        } else if (d === '}') break;
        else if (d === '{') throw new RouteTemplateError(`unexpected '{' in route '${template}'`);
        else spec += d;
      }
      if (j >= text.length) throw new RouteTemplateError(`unclosed '{' in route '${template}'`);
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ param: spec });
      i = j;
    } else if (c === '}') throw new RouteTemplateError(`unexpected '}' in route '${template}'`);
    else literal += c;
  }
  if (literal) parts.push({ literal });
  return parts;
}

function parseSegment(text: string, template: string): Segment {
  const parts = scan(text, template);
  const only = parts.length === 1 ? parts[0]! : undefined;
  if (only && 'param' in only) return { kind: 'param', param: parseParam(only.param, template) };
  if (parts.every((p) => 'literal' in p))
    return {
      kind: 'literal',
      text: parts
        .map((p) => ('literal' in p ? p.literal : ''))
        .join('')
        .toLowerCase(),
    };
  // A segment mixing literals and parameters, e.g. `{name}.{ext}`: each parameter matches lazily.
  const params: Param[] = [];
  let source = '^';
  for (const part of parts) {
    if ('param' in part) {
      const p = parseParam(part.param, template);
      if (p.catchAll)
        throw new RouteTemplateError(`a catch-all must be a whole segment in route '${template}'`);
      params.push(p);
      source += '(.+?)';
    } else source += part.literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return { kind: 'complex', regex: new RegExp(source + '$', 'i'), params };
}

function accept(p: Param, value: string): boolean {
  return p.checks.every((c) => c(value));
}

/** A compiled ASP.NET-style route template, as the Functions host matches HTTP trigger routes. */
export class RouteTemplate {
  readonly segments: Segment[];
  /** Lower sorts first: literal 1, complex 2, constrained 3, parameter 4, catch-all 5 (ASP.NET inbound precedence). */
  readonly precedence: number[];

  constructor(readonly template: string) {
    const trimmed = template.replace(/^\/+|\/+$/g, '');
    this.segments = trimmed === '' ? [] : trimmed.split('/').map((s) => parseSegment(s, template));
    this.segments.forEach((s, i) => {
      if (s.kind === 'param' && s.param.catchAll && i !== this.segments.length - 1) {
        throw new RouteTemplateError(`a catch-all parameter must be the last segment of route '${template}'`);
      }
    });
    this.precedence = this.segments.map((s) => {
      if (s.kind === 'literal') return 1;
      if (s.kind === 'complex') return 2;
      if (s.param.catchAll) return 5;
      return s.param.checks.length > 0 ? 3 : 4;
    });
  }

  /** Matches decoded path segments; returns the route parameters or undefined. */
  match(path: readonly string[]): Record<string, string> | undefined {
    const params: Record<string, string> = {};
    const segs = this.segments;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i]!;
      const value = path[i];
      if (seg.kind === 'param' && seg.param.catchAll) {
        const rest = path.slice(i).join('/');
        // A catch-all is implicitly optional, as in ASP.NET Core.
        if (rest === '') {
          if (seg.param.defaultValue !== undefined) params[seg.param.name] = seg.param.defaultValue;
          return params;
        }
        if (!accept(seg.param, rest)) return undefined;
        params[seg.param.name] = rest;
        return params;
      }
      if (value === undefined) {
        if (seg.kind !== 'param') return undefined;
        if (seg.param.defaultValue !== undefined) params[seg.param.name] = seg.param.defaultValue;
        else if (!seg.param.optional) return undefined;
        continue;
      }
      if (seg.kind === 'literal') {
        if (value.toLowerCase() !== seg.text) return undefined;
      } else if (seg.kind === 'param') {
        if (value === '' || !accept(seg.param, value)) return undefined;
        params[seg.param.name] = value;
      } else {
        const m = seg.regex.exec(value);
        if (!m) return undefined;
        for (let j = 0; j < seg.params.length; j++) {
          const p = seg.params[j]!;
          const v = m[j + 1] ?? '';
          if (!accept(p, v)) return undefined;
          params[p.name] = v;
        }
      }
    }
    return path.length > segs.length ? undefined : params;
  }
}
