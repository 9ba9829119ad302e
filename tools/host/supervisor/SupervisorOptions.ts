import type { HostOptions } from '../HostOptions';

export interface SupervisorOptions {
  /** What the app process starts with; `port` is the supervisor's, used for the banner only. */
  options: Omit<HostOptions, 'port' | 'handoff' | 'bannerUrl' | 'restart'>;
  port: number;
  /** Interface to listen on. Default 127.0.0.1. */
  hostname?: string;
  /** Builds the banner URL from the port the supervisor got. */
  bannerUrl: (port: number) => string;
  /** How long the app may take to load (its appStart hooks included). Default 90 s: on a loaded 2-core machine the tracing SDK alone took ~4 s of a load that took 2 s without it. */
  startTimeoutMs?: number;
  /** Lines about the app process (exits, restarts); stderr by default. */
  log?: (line: string) => void;
}
