import { HostError } from '../../../../tools/host/errors';
import { perFunctionScaling } from '../../../../tools/host/workers/perFunctionScaling';

const read = (v: string | undefined, count = 2): boolean =>
  perFunctionScaling(count, { LOCAL_HOST_PER_FUNCTION_SCALING: v });

it('is off unless set to true', () => {
  expect(read(undefined)).toBe(false);
  expect(read('')).toBe(false);
  expect(read('false')).toBe(false);
  expect(read(' FALSE ', 1)).toBe(false);
});

it('is on with true and two or more worker processes', () => {
  expect(read('true')).toBe(true);
  expect(read(' True ', 10)).toBe(true);
});

it.each(['yes', '1', 'on', 'truthy'])('rejects %p naming the setting', (v) => {
  expect(() => read(v)).toThrow(HostError);
  expect(() => read(v)).toThrow(`LOCAL_HOST_PER_FUNCTION_SCALING must be true or false; got '${v}'`);
});

it('rejects true with a single worker process: nothing would serve HTTP apart from the triggers', () => {
  expect(() => read('true', 1)).toThrow(/needs FUNCTIONS_WORKER_PROCESS_COUNT of 2 or more .* it is 1/);
});
