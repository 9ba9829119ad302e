import { queueOptions } from '../../../../tools/host/storage/queueOptions';
import { decodeMessage, encodeMessage, queueInput } from '../../../../tools/host/storage/queueMessage';

describe('queueOptions', () => {
  it("has the extension's defaults", () => {
    expect(queueOptions({})).toEqual({
      batchSize: 16,
      newBatchThreshold: 8,
      maxPollingIntervalMs: 60_000,
      visibilityTimeoutMs: 0,
      maxDequeueCount: 5,
      messageEncoding: 'base64',
    });
  });

  it('reads host.json extensions.queues, TimeSpans or milliseconds', () => {
    const o = queueOptions({
      extensions: {
        queues: {
          batchSize: 4,
          maxPollingInterval: 2000,
          visibilityTimeout: '00:00:30',
          messageEncoding: 'None',
        },
      },
    });
    expect(o).toMatchObject({
      batchSize: 4,
      newBatchThreshold: 2,
      maxPollingIntervalMs: 2000,
      visibilityTimeoutMs: 30_000,
      messageEncoding: 'none',
    });
  });

  it('refuses a batchSize over 32 and an unknown encoding', () => {
    expect(() => queueOptions({ extensions: { queues: { batchSize: 33 } } })).toThrow(/batchSize/);
    expect(() => queueOptions({ extensions: { queues: { messageEncoding: 'utf8' } } })).toThrow(
      /messageEncoding/,
    );
  });
});

describe('queue message text', () => {
  it('round-trips UTF-8 through base64', () => {
    expect(decodeMessage(encodeMessage('héllo ✓', 'base64'), 'base64')).toBe('héllo ✓');
  });

  it('rejects text that is not base64', () => {
    expect(decodeMessage('not base64!', 'base64')).toBeUndefined();
    expect(decodeMessage('not base64!', 'none')).toBe('not base64!');
  });

  it('hands JSON objects and arrays over as json, anything else as a string', () => {
    expect(queueInput('{"a":1}')).toEqual({ json: '{"a":1}' });
    expect(queueInput('[1]')).toEqual({ json: '[1]' });
    expect(queueInput('{not json')).toEqual({ string: '{not json' });
    expect(queueInput('42')).toEqual({ string: '42' });
  });
});
