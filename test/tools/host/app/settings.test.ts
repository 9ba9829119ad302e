import { applySettings, resolveSettingRefs } from '../../../../tools/host/app/settings';
import { HostError } from '../../../../tools/host/errors';

describe('applySettings', () => {
  it('adds local.settings.json Values, keeps what the environment has, and lets overrides win', () => {
    const env: NodeJS.ProcessEnv = { FROM_ENV: 'env', BOTH: 'env' };
    applySettings(
      {
        Values: { FROM_FILE: 'file', BOTH: 'file', OVERRIDDEN: 'file' },
        Host: {},
        ConnectionStrings: { Sql: 'Server=x' },
      },
      { OVERRIDDEN: 'option', BOTH: 'option-wins' },
      env,
    );
    expect(env).toEqual({
      FROM_ENV: 'env',
      FROM_FILE: 'file',
      BOTH: 'option-wins',
      OVERRIDDEN: 'option',
      'ConnectionStrings:Sql': 'Server=x',
    });
  });
});

describe('resolveSettingRefs', () => {
  it('replaces every %Name% with the setting', () => {
    expect(resolveSettingRefs('%Q%/$DeadLetterQueue', { Q: 'orders' })).toBe('orders/$DeadLetterQueue');
    expect(resolveSettingRefs('%A%-%B%', { A: '1', B: '2' })).toBe('1-2');
    expect(resolveSettingRefs('no refs', {})).toBe('no refs');
  });

  it('fails for a setting that does not exist', () => {
    expect(() => resolveSettingRefs('%MISSING%', {})).toThrow(HostError);
  });
});
