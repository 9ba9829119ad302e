import { z } from 'zod';
import { ConfigError } from './errors';

const csv = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((p) => p.trim().toLowerCase())
      .filter(Boolean),
  );
const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalUrl = z.string().url().optional();

/**
 * `JWT_KEYS`: comma-separated `kid=secret` pairs, secrets base64url of at least 32 bytes.
 * The first key signs; every key verifies, so a rotation adds a key first and drops the old one later.
 */
const jwtKeys = z
  .string({ error: 'required: comma-separated kid=base64url-secret pairs' })
  .transform((raw, ctx) => {
    const keys = raw
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf('=');
        return { kid: pair.slice(0, at).trim(), secret: Buffer.from(pair.slice(at + 1).trim(), 'base64url') };
      });
    if (keys.length === 0 || keys.some((k) => !k.kid || k.secret.length < 32)) {
      ctx.addIssue({
        code: 'custom',
        message: 'each key must be kid=<base64url secret of at least 32 bytes>',
      });
      return z.NEVER;
    }
    return keys;
  });

/** Every setting the app reads. Names match app settings in Azure and `local.settings.json` Values. */
export const settingsSchema = z.object({
  // Cosmos DB: a connection string for local emulators, or an account endpoint for Entra ID (managed identity).
  CosmosDB: z.string().optional(),
  CosmosDB__accountEndpoint: optionalUrl,
  // Service Bus: a connection string for local emulators, or a namespace for Entra ID.
  ServiceBusConnection: z.string().optional(),
  ServiceBusConnection__fullyQualifiedNamespace: z.string().optional(),
  // The client id of the user-assigned managed identity (Azure only).
  AZURE_CLIENT_ID: z.string().optional(),
  JWT_KEYS: jwtKeys,
  JWT_ISSUER: z.string().default('orderflow'),
  JWT_AUDIENCE: z.string().default('orderflow-api'),
  ACCESS_TOKEN_TTL_SECONDS: seconds(900),
  REFRESH_TOKEN_TTL_SECONDS: seconds(30 * 24 * 3600),
  PASSWORD_RESET_TTL_SECONDS: seconds(3600),
  ADMIN_EMAILS: csv,
  APP_BASE_URL: z.string().url().default('http://localhost:7071'),
  DASHBOARD_SCHEDULE: z.string().default('0 */5 * * * *'),
  ALERT_EMAIL_TO: z.string().email().default('ops@orderflow.local'),
  REMINDER_DELAY: z
    .string()
    .regex(/^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/, 'ISO 8601 duration such as PT24H')
    .default('PT24H'),
  EMAIL_SENDER: z.string().email().default('no-reply@orderflow.local'),
  // Email transport: Azure Communication Services endpoint in Azure, SMTP (local mail catcher) offline.
  ACS_ENDPOINT: optionalUrl,
  SMTP_URL: z.string().url().optional(),
  // Relay: how often the Cosmos DB trigger polls the orders change feed once drained (ms). Read at registration.
  RELAY_FEED_POLL_DELAY_MS: z.coerce.number().int().min(50).default(5000),
  // Login lockout: failures within LOGIN_LOCKOUT_SECONDS that lock an account / a client address for that long.
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  LOGIN_LOCKOUT_SECONDS: seconds(900),
  // Proxies in front of the platform whose X-Forwarded-For hops are believed (addresses or CIDR ranges).
  TRUSTED_PROXIES: csv.refine(
    (list) => list.every((e) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(e)),
    'Must be comma-separated IP addresses or CIDR ranges.',
  ),
  // scrypt cost of new password hashes; unset = the OWASP default in shared/auth/passwordHasher.ts. Each hash
  // stores its parameters, so changing this rehashes users at their next login. Lower it only for test stacks.
  PASSWORD_SCRYPT_PARAMS: z
    .string()
    .regex(
      /^ln=(1[2-9]|20),r=([1-9]|[12]\d|3[0-2]),p=([1-9]|1[0-6])$/,
      'ln=12..20,r=1..32,p=1..16, e.g. ln=15,r=8,p=3',
    )
    .optional(),
});

export type Settings = z.infer<typeof settingsSchema>;

function checkConnections(s: Settings): string[] {
  const problems: string[] = [];
  if (!s.CosmosDB && !s.CosmosDB__accountEndpoint) {
    problems.push('CosmosDB or CosmosDB__accountEndpoint: one is required');
  }
  if (!s.ServiceBusConnection && !s.ServiceBusConnection__fullyQualifiedNamespace) {
    problems.push('ServiceBusConnection or ServiceBusConnection__fullyQualifiedNamespace: one is required');
  }
  return problems;
}

/** Reads and validates the settings once; throws a ConfigError naming each bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const problems = checkConnections(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(parsed.data);
}

let cached: Settings | undefined;

/** The process-wide settings, read on first use. */
export function getConfig(): Settings {
  cached ??= loadConfig();
  return cached;
}
