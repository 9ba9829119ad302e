import { RouteTemplateError } from '../errors';

export type ConstraintCheck = (value: string) => boolean;

const INT32 = [-2147483648, 2147483647] as const;
const isInteger = (v: string): boolean => /^[+-]?\d+$/.test(v);
const isNumber = (v: string): boolean => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v);
// Guid.TryParse formats: N (32 digits), D (dashes), B (braces) and P (parentheses).
const GUID =
  /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}|\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\))$/i;

function num(arg: string | undefined, what: string): number {
  const n = Number(arg);
  if (arg === undefined || arg.trim() === '' || !Number.isFinite(n))
    throw new RouteTemplateError(`constraint ${what} needs a number`);
  return n;
}

/**
 * The ASP.NET Core inline route constraints the Functions host supports (`{id:guid}`, `{n:int:min(1)}`...).
 * An unknown constraint is an error at load time, as it is for the host, not a route that never matches.
 */
export function routeConstraint(name: string, arg: string | undefined): ConstraintCheck {
  const args = arg === undefined ? [] : arg.split(',').map((a) => a.trim());
  switch (name.toLowerCase()) {
    case 'int':
      return (v) => isInteger(v) && Number(v) >= INT32[0] && Number(v) <= INT32[1];
    case 'long':
      return (v) => isInteger(v) && BigInt(v) >= -(2n ** 63n) && BigInt(v) < 2n ** 63n;
    case 'float':
    case 'double':
    case 'decimal':
      return isNumber;
    case 'bool':
      return (v) => /^(true|false)$/i.test(v);
    case 'datetime':
      return (v) => !Number.isNaN(Date.parse(v));
    case 'guid':
      return (v) => GUID.test(v);
    case 'alpha':
      return (v) => /^[a-z]+$/i.test(v);
    case 'required':
      return (v) => v.length > 0;
    case 'minlength': {
      const n = num(args[0], 'minlength');
      return (v) => v.length >= n;
    }
    case 'maxlength': {
      const n = num(args[0], 'maxlength');
      return (v) => v.length <= n;
    }
    case 'length': {
      const min = num(args[0], 'length');
      const max = args.length > 1 ? num(args[1], 'length') : min;
      return (v) => v.length >= min && v.length <= max;
    }
    case 'min': {
      const n = num(args[0], 'min');
      return (v) => isInteger(v) && Number(v) >= n;
    }
    case 'max': {
      const n = num(args[0], 'max');
      return (v) => isInteger(v) && Number(v) <= n;
    }
    case 'range': {
      const min = num(args[0], 'range');
      const max = num(args[1], 'range');
      return (v) => isInteger(v) && Number(v) >= min && Number(v) <= max;
    }
    case 'regex': {
      if (arg === undefined) throw new RouteTemplateError('constraint regex needs a pattern');
      const re = new RegExp(arg, 'i');
      return (v) => re.test(v);
    }
    default:
      throw new RouteTemplateError(`unknown route constraint '${name}'`);
  }
}
