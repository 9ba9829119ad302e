import type { Topology } from '../../../shared/platform/topology';
import type { BicepFile } from '../bicep/BicepFile';

export interface Violation {
  rule: string;
  file: string;
  line: number;
  message: string;
}

export interface PolicyContext {
  topology: Topology;
  /** infra/roles.json: role key -> built-in role definition id. */
  roles: Record<string, string>;
  /** The parsed file a local module path points at, or undefined when it cannot be found. */
  resolveModule(from: BicepFile, source: string): BicepFile | undefined;
}

/** One policy: `check` returns every violation across the files (none = compliant). */
export interface PolicyRule {
  id: string;
  description: string;
  check(files: BicepFile[], ctx: PolicyContext): Violation[];
}
