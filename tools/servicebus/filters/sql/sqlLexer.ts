/** Tokens of the Service Bus SQL filter language (a SQL-92 subset). */
export type Token =
  | { t: 'num'; v: number; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'id'; v: string; at: number }
  | { t: 'kw'; v: string; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'end'; at: number };

const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'ESCAPE',
  'IS',
  'NULL',
  'EXISTS',
  'TRUE',
  'FALSE',
  'SET',
  'REMOVE',
]);
const OPERATORS = ['<>', '!=', '<=', '>=', '=', '<', '>', '(', ')', ',', '+', '-', '*', '/', '%', ';'];

export class SqlSyntaxError extends Error {
  override readonly name = 'SqlSyntaxError';
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new SqlSyntaxError(`Unterminated string starting at ${at}`);
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += text[i++];
      }
      tokens.push({ t: 'str', v, at });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i))!;
      tokens.push({ t: 'num', v: Number(m[0]), at });
      i += m[0].length;
      continue;
    }
    if (c === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) throw new SqlSyntaxError(`Unterminated [identifier] at ${at}`);
      tokens.push({ t: 'id', v: text.slice(i + 1, close), at });
      i = close + 1;
      continue;
    }
    if (/[A-Za-z_$@]/.test(c)) {
      // Names with other characters (dashes, spaces) are written [in brackets].
      const word = /^[A-Za-z_$@][A-Za-z0-9_$@]*(?:\.[A-Za-z_$@][A-Za-z0-9_$@]*)?/.exec(text.slice(i))![0];
      const upper = word.toUpperCase();
      tokens.push(KEYWORDS.has(upper) ? { t: 'kw', v: upper, at } : { t: 'id', v: word, at });
      i += word.length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw new SqlSyntaxError(`Unexpected '${c}' at ${at}`);
    tokens.push({ t: 'op', v: op, at });
    i += op.length;
  }
  tokens.push({ t: 'end', at: text.length });
  return tokens;
}
