import { coldStartBench } from './coldStart/coldStartBench';
import { httpBench } from './http/httpBench';
import { scalingBench } from './scaling/scalingBench';
import type { Bench } from './types';

/** Every bench, in the order `npm run bench` runs them. */
export const benches: readonly Bench[] = [coldStartBench, httpBench, scalingBench];
