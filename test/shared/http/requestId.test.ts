import { requestIdFrom } from '../../../shared/http/requestId';

describe('requestIdFrom', () => {
  it('takes the trace id of a valid traceparent', () => {
    expect(requestIdFrom('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it.each([
    undefined,
    null,
    '',
    'garbage',
    '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
    'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    '00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01',
    '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\n[fake] injected',
  ])('generates a fresh id for %p', (value) => {
    const id = requestIdFrom(value);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(requestIdFrom(value)).not.toBe(id);
  });

  it('never repeats a generated id, across refills of its random pool', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2000; i++) ids.add(requestIdFrom(undefined));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
