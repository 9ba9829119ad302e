import { parseArgs } from 'node:util';
import { startMailCatcher } from './startMailCatcher';

// `tsx tools/mailcatcher/main.ts [--smtp-port N] [--http-port N] [--max-mails N] [--max-mail-bytes N]`: the local mail catcher on its own.
const { values } = parseArgs({
  options: {
    'smtp-port': { type: 'string' },
    'http-port': { type: 'string' },
    'max-mails': { type: 'string' },
    'max-mail-bytes': { type: 'string' },
  },
});
startMailCatcher({
  smtpPort: values['smtp-port'] !== undefined ? Number(values['smtp-port']) : 1025,
  httpPort: values['http-port'] !== undefined ? Number(values['http-port']) : 1080,
  ...(values['max-mails'] !== undefined ? { maxMails: Number(values['max-mails']) } : {}),
  ...(values['max-mail-bytes'] !== undefined ? { maxMailBytes: Number(values['max-mail-bytes']) } : {}),
})
  .then((mc) => {
    console.log(`mail catcher listening: SMTP smtp://127.0.0.1:${mc.smtpPort}, web ${mc.url}`);
    const stop = () => void mc.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
