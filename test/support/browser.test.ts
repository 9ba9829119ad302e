import { findChromium } from './browser';

describe('findChromium', () => {
  const only =
    (...paths: string[]) =>
    (p: string) =>
      paths.includes(p);

  it('takes CHROME_PATH first, and nothing else when it is not there', () => {
    const both = only('/opt/chrome', '/usr/bin/chromium');
    expect(findChromium({ CHROME_PATH: '/opt/chrome', PATH: '/usr/bin' }, both)).toBe('/opt/chrome');
    expect(findChromium({ CHROME_PATH: '/nope', PATH: '/usr/bin' }, both)).toBeUndefined();
  });

  it.each(['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'])(
    'finds %s on PATH',
    (name) => {
      expect(findChromium({ PATH: '/a:/usr/local/bin' }, only(`/usr/local/bin/${name}`))).toBe(
        `/usr/local/bin/${name}`,
      );
    },
  );

  it('falls back to the macOS applications, and to nothing', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium({ PATH: '/usr/bin' }, only(chrome))).toBe(chrome);
    expect(findChromium({ PATH: '/usr/bin' }, only())).toBeUndefined();
  });
});
