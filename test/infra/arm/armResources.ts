/** A resource as ARM receives it, found anywhere in the compiled template (nested deployments included). */
export interface ArmResource {
  type: string;
  name: unknown;
  /** The nested deployment it sits in ('' for main.bicep's own), e.g. `storage/storageAccount`. */
  deployment: string;
  body: Record<string, unknown>;
}

export interface ArmTemplate {
  resources?: unknown;
  outputs?: Record<string, { type?: string; value?: unknown }>;
}

function resourcesOf(template: ArmTemplate): Array<Record<string, unknown>> {
  const r = template.resources;
  // languageVersion 2.0 templates (symbolic names) hold an object; 1.0 templates an array.
  if (Array.isArray(r)) return r as Array<Record<string, unknown>>;
  return r && typeof r === 'object' ? (Object.values(r) as Array<Record<string, unknown>>) : [];
}

/** Every resource in the template and in its nested deployments (how modules compile), depth first. */
export function armResources(template: ArmTemplate, deployment = ''): ArmResource[] {
  const out: ArmResource[] = [];
  for (const body of resourcesOf(template)) {
    const type = String(body['type']);
    out.push({ type, name: body['name'], deployment, body });
    if (type.toLowerCase() === 'microsoft.resources/deployments') {
      const props = body['properties'] as { template?: ArmTemplate } | undefined;
      if (props?.template)
        out.push(...armResources(props.template, `${deployment}/${String(body['name'])}`.replace(/^\//, '')));
    }
  }
  return out;
}

/** Every nested template (main's own first), for checks on outputs. */
export function armTemplates(
  template: ArmTemplate,
  deployment = '',
): Array<{ deployment: string; template: ArmTemplate }> {
  const out = [{ deployment, template }];
  for (const body of resourcesOf(template)) {
    const props = body['properties'] as { template?: ArmTemplate } | undefined;
    if (String(body['type']).toLowerCase() === 'microsoft.resources/deployments' && props?.template) {
      out.push(...armTemplates(props.template, `${deployment}/${String(body['name'])}`.replace(/^\//, '')));
    }
  }
  return out;
}

/** `properties.a.b` of a resource, or undefined. Property names compare case-insensitively, as ARM does. */
export function armPath(value: unknown, dotted: string): unknown {
  let cur: unknown = value;
  for (const key of dotted.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    const entry = Object.entries(cur as Record<string, unknown>).find(
      ([k]) => k.toLowerCase() === key.toLowerCase(),
    );
    cur = entry?.[1];
  }
  return cur;
}

export function ofType(resources: ArmResource[], type: string): ArmResource[] {
  return resources.filter((r) => r.type.toLowerCase() === type.toLowerCase());
}
