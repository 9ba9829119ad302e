import type { Message } from 'rhea';
import { brokerErrors } from '../../errors';
import type { FilterView } from '../FilterView';

export function compileSqlFilter(expression: string): (view: FilterView) => boolean {
  throw brokerErrors.notImplemented(`SQL filter '${expression}'`);
}

export function compileSqlAction(expression: string): (decoded: Message, view: FilterView) => void {
  throw brokerErrors.notImplemented(`SQL rule action '${expression}'`);
}
