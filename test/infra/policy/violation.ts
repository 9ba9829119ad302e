import type { SyntaxNode } from 'tree-sitter';
import type { BicepFile } from '../bicep/BicepFile';
import { lineOf } from '../bicep/syntax';
import type { Violation } from './PolicyRule';

export function violation(rule: string, file: BicepFile, node: SyntaxNode, message: string): Violation {
  return { rule, file: file.path, line: lineOf(node), message };
}
