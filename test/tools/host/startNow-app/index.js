// A Cosmos DB trigger with a new lease and the default start ("now"), as the orders relay has on a fresh account;
// every document it is given is appended to <NOW_RECORD_DIR>/startNow.jsonl. GET /api/ping tells that the host answers.
const { appendFileSync } = require('node:fs');
const { join } = require('node:path');
const { app } = require('@azure/functions');

app.cosmosDB('startNow', {
  connection: 'NowCosmos',
  databaseName: 'fixturedb',
  containerName: 'items',
  leaseContainerName: 'leases',
  leaseContainerPrefix: 'now-',
  feedPollDelay: 50,
  handler: (documents) => {
    const ids = documents.map((d) => d.id);
    appendFileSync(join(process.env.NOW_RECORD_DIR, 'startNow.jsonl'), JSON.stringify({ ids }) + '\n');
  },
});

app.http('ping', {
  methods: ['GET'],
  authLevel: 'anonymous',
  handler: () => ({ body: 'pong' }),
});
