import type { Expr, PropRef, Statement } from './sqlAst';
import { SqlSyntaxError, tokenize, type Token } from './sqlLexer';

/**
 * Recursive-descent parser. Precedence, loosest first: OR, AND, NOT, predicates (comparison, [NOT] IN,
 * [NOT] LIKE ... [ESCAPE], IS [NOT] NULL), + -, * / %, unary minus, primaries.
 */
class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private isKw(v: string): boolean {
    const t = this.peek();
    return t.t === 'kw' && t.v === v;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private expectOp(v: string): void {
    if (!this.isOp(v)) throw this.error(`expected '${v}'`);
    this.i++;
  }
  private expectKw(v: string): void {
    if (!this.isKw(v)) throw this.error(`expected ${v}`);
    this.i++;
  }
  error(what: string): SqlSyntaxError {
    const t = this.peek();
    return new SqlSyntaxError(`${what} at position ${t.at}${t.t === 'end' ? ' (end of expression)' : ''}`);
  }
  atEnd(): boolean {
    return this.peek().t === 'end';
  }

  expression(): Expr {
    let l = this.and();
    while (this.isKw('OR')) {
      this.i++;
      l = { k: 'or', l, r: this.and() };
    }
    return l;
  }
  private and(): Expr {
    let l = this.not();
    while (this.isKw('AND')) {
      this.i++;
      l = { k: 'and', l, r: this.not() };
    }
    return l;
  }
  private not(): Expr {
    if (this.isKw('NOT')) {
      this.i++;
      return { k: 'not', e: this.not() };
    }
    return this.predicate();
  }
  private predicate(): Expr {
    if (this.isKw('EXISTS')) {
      this.i++;
      this.expectOp('(');
      const ref = this.propRef();
      this.expectOp(')');
      return { k: 'exists', ref };
    }
    const e = this.additive();
    const t = this.peek();
    if (t.t === 'op' && ['=', '<>', '!=', '<', '>', '<=', '>='].includes(t.v)) {
      this.i++;
      const op = (t.v === '!=' ? '<>' : t.v) as '=' | '<>' | '<' | '>' | '<=' | '>=';
      return { k: 'cmp', op, l: e, r: this.additive() };
    }
    if (this.isKw('IS')) {
      this.i++;
      const not = this.isKw('NOT');
      if (not) this.i++;
      this.expectKw('NULL');
      return { k: 'isnull', e, not };
    }
    const not = this.isKw('NOT');
    if (not) this.i++;
    if (this.isKw('IN')) {
      this.i++;
      this.expectOp('(');
      const list: Expr[] = [this.additive()];
      while (this.isOp(',')) {
        this.i++;
        list.push(this.additive());
      }
      this.expectOp(')');
      return { k: 'in', e, list, not };
    }
    if (this.isKw('LIKE')) {
      this.i++;
      const pattern = this.next();
      if (pattern.t !== 'str') throw this.error('LIKE needs a string pattern');
      let escape: string | undefined;
      if (this.isKw('ESCAPE')) {
        this.i++;
        const esc = this.next();
        if (esc.t !== 'str' || esc.v.length !== 1) throw this.error('ESCAPE needs a one-character string');
        escape = esc.v;
      }
      return { k: 'like', e, pattern: pattern.v, escape, not };
    }
    if (not) throw this.error('expected IN or LIKE after NOT');
    return e;
  }
  private additive(): Expr {
    let l = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.next() as { v: '+' | '-' }).v;
      l = { k: 'math', op, l, r: this.multiplicative() };
    }
    return l;
  }
  private multiplicative(): Expr {
    let l = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = (this.next() as { v: '*' | '/' | '%' }).v;
      l = { k: 'math', op, l, r: this.unary() };
    }
    return l;
  }
  private unary(): Expr {
    if (this.isOp('-')) {
      this.i++;
      return { k: 'neg', e: this.unary() };
    }
    if (this.isOp('+')) this.i++;
    return this.primary();
  }
  private primary(): Expr {
    const t = this.peek();
    if (t.t === 'op' && t.v === '(') {
      this.i++;
      const e = this.expression();
      this.expectOp(')');
      return e;
    }
    if (t.t === 'num' || t.t === 'str') {
      this.i++;
      return { k: 'lit', v: t.v };
    }
    if (t.t === 'kw' && (t.v === 'TRUE' || t.v === 'FALSE' || t.v === 'NULL')) {
      this.i++;
      return { k: 'lit', v: t.v === 'NULL' ? null : t.v === 'TRUE' };
    }
    if (t.t === 'id') return { k: 'prop', ref: this.propRef() };
    throw this.error('expected a value, property or (');
  }
  propRef(): PropRef {
    const t = this.next();
    if (t.t !== 'id') throw this.error('expected a property name');
    const dot = t.v.indexOf('.');
    const scope = dot > 0 ? t.v.slice(0, dot).toLowerCase() : '';
    if (scope === 'sys') return { scope: 'sys', name: t.v.slice(dot + 1) };
    if (scope === 'user') return { scope: 'user', name: t.v.slice(dot + 1) };
    return { scope: 'user', name: t.v };
  }
  statements(): Statement[] {
    const out: Statement[] = [];
    while (!this.atEnd()) {
      if (this.isOp(';')) {
        this.i++;
        continue;
      }
      if (this.isKw('SET')) {
        this.i++;
        const ref = this.propRef();
        this.expectOp('=');
        out.push({ k: 'set', ref, e: this.expression() });
      } else if (this.isKw('REMOVE')) {
        this.i++;
        out.push({ k: 'remove', ref: this.propRef() });
      } else throw this.error('expected SET or REMOVE');
    }
    return out;
  }
}

export function parseSqlFilter(text: string): Expr {
  const p = new Parser(tokenize(text));
  const e = p.expression();
  if (!p.atEnd()) throw p.error('unexpected text after the expression');
  return e;
}

export function parseSqlAction(text: string): Statement[] {
  return new Parser(tokenize(text)).statements();
}
