import { parseEnvironment } from '../../../tools/servicebus/environment';

describe('parseEnvironment', () => {
  it('defaults to port 5672 on 127.0.0.1, in memory, no visibility endpoint', () => {
    expect(parseEnvironment([])).toEqual({
      port: 5672,
      config: undefined,
      topology: undefined,
      dataDir: undefined,
      httpPort: undefined,
      host: '127.0.0.1',
    });
  });

  it('reads every option', () => {
    expect(
      parseEnvironment([
        '--port',
        '0',
        '--config',
        'c.json',
        '--topology',
        't.json',
        '--data-dir',
        'd',
        '--http-port',
        '8080',
        '--admin-port',
        '5300',
        '--host',
        '0.0.0.0',
      ]),
    ).toEqual({
      port: 0,
      config: 'c.json',
      topology: 't.json',
      dataDir: 'd',
      httpPort: 8080,
      adminPort: 5300,
      host: '0.0.0.0',
    });
  });

  it('rejects bad ports and unknown options', () => {
    expect(() => parseEnvironment(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseEnvironment(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseEnvironment(['--admin-port', '-1'])).toThrow(/--admin-port/);
    expect(() => parseEnvironment(['--nope'])).toThrow();
  });
});
