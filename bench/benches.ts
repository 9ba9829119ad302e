import { coldStartBench } from './coldStart/coldStartBench';
import { httpBench } from './http/httpBench';
import { opsBench } from './ops/opsBench';
import { endToEndBench } from './pipeline/endToEndBench';
import { pipelineBench } from './pipeline/pipelineBench';
import { scalingBench } from './scaling/scalingBench';
import { serviceBusBench } from './servicebusBench';
import { tracingBench } from './tracing/tracingBench';
import type { Bench } from './types';

/** Every bench, in the order `npm run bench` runs them. */
export const benches: readonly Bench[] = [
  coldStartBench,
  httpBench,
  pipelineBench,
  endToEndBench,
  opsBench,
  scalingBench,
  serviceBusBench,
  tracingBench,
];
