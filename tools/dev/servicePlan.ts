/** The offline services `npm run dev` can start in place of Azure resources. */
export type OfflineService = 'cosmos' | 'serviceBus' | 'storage' | 'mail';

export interface ServiceDecision {
  offline: boolean;
  /** Why, for the banner: the setting that decided. */
  reason: string;
}

export type ServicePlan = Record<OfflineService, ServiceDecision>;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);

function isLocalUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return LOCAL_HOSTS.has(new URL(url).hostname.toLowerCase());
  } catch {
    return false;
  }
}

function field(connectionString: string, name: string): string | undefined {
  for (const part of connectionString.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim().toLowerCase() === name.toLowerCase())
      return part.slice(at + 1).trim();
  }
  return undefined;
}

const offline = (reason: string): ServiceDecision => ({ offline: true, reason });
const remote = (reason: string): ServiceDecision => ({ offline: false, reason });

/**
 * Decides, per service, whether the settings point at a local emulator (start ours) or at a real resource
 * (leave it to Azure, as `func start` would). Identity-based settings (`__accountEndpoint`,
 * `__fullyQualifiedNamespace`, `__accountName`) always mean Azure, and they win over connection strings,
 * as they do in shared/platform.
 */
export function planServices(s: Record<string, string | undefined>): ServicePlan {
  return { cosmos: cosmos(s), serviceBus: serviceBus(s), storage: storage(s), mail: mail(s) };
}

function cosmos(s: Record<string, string | undefined>): ServiceDecision {
  if (s.CosmosDB__accountEndpoint) return remote(`CosmosDB__accountEndpoint=${s.CosmosDB__accountEndpoint}`);
  if (!s.CosmosDB) return offline('CosmosDB not set');
  const endpoint = field(s.CosmosDB, 'AccountEndpoint');
  return isLocalUrl(endpoint)
    ? offline(`CosmosDB points at ${endpoint}`)
    : remote(`CosmosDB points at ${endpoint}`);
}

function serviceBus(s: Record<string, string | undefined>): ServiceDecision {
  const ns = s.ServiceBusConnection__fullyQualifiedNamespace;
  if (ns) return remote(`ServiceBusConnection__fullyQualifiedNamespace=${ns}`);
  const cs = s.ServiceBusConnection;
  if (!cs) return offline('ServiceBusConnection not set');
  const endpoint = field(cs, 'Endpoint');
  if (field(cs, 'UseDevelopmentEmulator')?.toLowerCase() === 'true' || isLocalUrl(endpoint)) {
    return offline(`ServiceBusConnection points at ${endpoint ?? 'the development emulator'}`);
  }
  return remote(`ServiceBusConnection points at ${endpoint ?? 'a namespace'}`);
}

function storage(s: Record<string, string | undefined>): ServiceDecision {
  if (s.AzureWebJobsStorage__accountName || s.AzureWebJobsStorage__blobServiceUri) {
    return remote('AzureWebJobsStorage__* (identity-based)');
  }
  const cs = s.AzureWebJobsStorage;
  if (!cs) return offline('AzureWebJobsStorage not set');
  if (/usedevelopmentstorage\s*=\s*true/i.test(cs))
    return offline('AzureWebJobsStorage=UseDevelopmentStorage=true');
  const blob = field(cs, 'BlobEndpoint');
  return isLocalUrl(blob)
    ? offline(`AzureWebJobsStorage points at ${blob}`)
    : remote('AzureWebJobsStorage is an account');
}

function mail(s: Record<string, string | undefined>): ServiceDecision {
  if (s.SMTP_URL) {
    return isLocalUrl(s.SMTP_URL) ? offline(`SMTP_URL=${s.SMTP_URL}`) : remote('SMTP_URL is a remote server');
  }
  if (s.ACS_ENDPOINT) return remote(`ACS_ENDPOINT=${s.ACS_ENDPOINT}`);
  return offline('no email transport configured');
}
