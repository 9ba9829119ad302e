import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../policy/loadInfra';

// The CLI arrives as a NuGet package (a self-contained linux-x64 binary) restored by infra/bicep-cli/BicepCli.csproj;
// the version here and there must agree.
const BICEP_VERSION = '0.49.2';
const CLI_PROJECT = join(REPO_ROOT, 'infra/bicep-cli/BicepCli.csproj');
export const BICEP_PATH = join(
  REPO_ROOT,
  'node_modules/.cache/bicep/packages/azure.bicep.commandline.linux-x64',
  BICEP_VERSION,
  'tools/bicep',
);
export const ENABLE_COMMAND =
  'install the .NET SDK (dotnet), then: dotnet restore infra/bicep-cli/BicepCli.csproj';

/** True when `dotnet` runs: the Bicep CLI and the .NET suite can be restored from NuGet. */
export function dotnetAvailable(): boolean {
  return spawnSync('dotnet', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Restores the CLI from NuGet when it is not there yet (idempotent; a no-op once restored). */
export function ensureBicep(): string {
  if (!existsSync(BICEP_PATH)) {
    execFileSync('dotnet', ['restore', CLI_PROJECT, '--verbosity', 'quiet'], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
    });
  }
  // NuGet extracts files without their execute bit.
  chmodSync(BICEP_PATH, 0o755);
  return BICEP_PATH;
}

export interface Diagnostic {
  file: string;
  line: number;
  level: 'Error' | 'Warning' | 'Info';
  code: string;
  message: string;
}

// `/abs/path/main.bicep(195,18) : Warning what-if-short-circuiting: message [link]`
const DIAGNOSTIC = /^(.+?)\((\d+),\d+\) : (Error|Warning|Info) ([\w-]+): (.*)$/;

export function parseDiagnostics(stderr: string): Diagnostic[] {
  return stderr.split('\n').flatMap((line) => {
    const m = DIAGNOSTIC.exec(line.trim());
    if (!m) return [];
    const [, file, row, level, code, message] = m as unknown as [
      string,
      string,
      string,
      Diagnostic['level'],
      string,
      string,
    ];
    return [{ file, line: Number(row), level, code, message }];
  });
}

export interface BicepRun {
  status: number | null;
  stdout: string;
  diagnostics: Diagnostic[];
  /** stderr lines that are not diagnostics (a crash, a usage error). */
  other: string[];
}

/** `bicep build <file> --stdout` or `bicep lint <file>`, with its diagnostics parsed. */
export function runBicep(command: 'build' | 'lint', file: string): BicepRun {
  const args = command === 'build' ? ['build', file, '--stdout'] : ['lint', file];
  const r = spawnSync(ensureBicep(), args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const diagnostics = parseDiagnostics(r.stderr);
  const other = r.stderr.split('\n').filter((l) => l.trim() && !DIAGNOSTIC.test(l.trim()));
  return { status: r.status, stdout: r.stdout, diagnostics, other };
}
