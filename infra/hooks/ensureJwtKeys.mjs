// azd preprovision hook: makes sure the azd environment holds ORDERFLOW_JWT_KEYS (the JWT_KEYS value that
// infra/main.bicep writes into Key Vault) without ever printing it. An existing value is kept, so redeploys
// do not rotate the key and sign every user out; to rotate, set `k2=<new>,k1=<old>` yourself.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const NAME = 'ORDERFLOW_JWT_KEYS';

function current() {
  try {
    return execFileSync('azd', ['env', 'get-value', NAME], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // azd exits non-zero when the key is absent.
    return '';
  }
}

if (process.env[NAME] || current()) {
  console.log(`${NAME} is set; keeping it.`);
} else {
  const value = `k1=${randomBytes(32).toString('base64url')}`;
  execFileSync('azd', ['env', 'set', NAME, value], { stdio: 'ignore' });
  console.log(`${NAME} generated (32 random bytes, base64url) and stored in the azd environment.`);
}
