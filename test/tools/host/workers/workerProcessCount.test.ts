import { HostError } from '../../../../tools/host/errors';
import { workerProcessCount } from '../../../../tools/host/workers/workerProcessCount';

const count = (v: string | undefined): number => workerProcessCount({ FUNCTIONS_WORKER_PROCESS_COUNT: v });

it('defaults to one process when unset or blank', () => {
  expect(count(undefined)).toBe(1);
  expect(count('')).toBe(1);
});

it('accepts whole numbers from 1 to 10', () => {
  expect(count('1')).toBe(1);
  expect(count(' 2 ')).toBe(2);
  expect(count('10')).toBe(10);
});

it.each(['0', '11', 'x', '2.5', '-1', '1e1', '0x2'])('rejects %p naming the setting', (v) => {
  expect(() => count(v)).toThrow(HostError);
  expect(() => count(v)).toThrow(
    `FUNCTIONS_WORKER_PROCESS_COUNT must be a whole number from 1 to 10; got '${v}'`,
  );
});
