// `npm run volume -- <cosmos|broker|dashboard> [--count N] [...]`: one volume script (docs/volume.md), outside
// `npm test` and `npm run bench`. The name picks the script; the other arguments are its own.
const SCRIPTS: Record<string, () => Promise<unknown>> = {
  cosmos: () => import('./cosmosVolume'),
  broker: () => import('./brokerVolume'),
  dashboard: () => import('./dashboardVolume'),
};

const [name, ...rest] = process.argv.slice(2);
const load = name === undefined ? undefined : SCRIPTS[name];
if (!load) {
  console.error(`usage: npm run volume -- <${Object.keys(SCRIPTS).join('|')}> [--count N] [--data-dir DIR]`);
  process.exit(2);
}
// Each script reads its options from process.argv: hand it only its own.
process.argv = [process.argv[0]!, process.argv[1]!, ...rest];
void load();
