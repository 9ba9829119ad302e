import { coldStartBench } from './coldStart/coldStartBench';
import type { Bench } from './types';

/** Every bench, in the order `npm run bench` runs them (cheapest first, the 100k seeding last but one). */
export const benches: readonly Bench[] = [coldStartBench];
