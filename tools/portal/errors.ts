import { HttpRefusal } from '../mailcatcher/guardHandler';

/** The portal's refusals, each an HTTP status the page shows as it is. */
export const portalErrors = {
  forbidden: (why: string) => new HttpRefusal(403, `forbidden: ${why}`),
  badRequest: (why: string) => new HttpRefusal(400, why),
  notFound: (what = 'not found') => new HttpRefusal(404, what),
  notAllowed: (allow: string) => new HttpRefusal(405, 'method not allowed', { allow }),
  tooLarge: (limit: number) => new HttpRefusal(413, `request body over ${limit} bytes`),
  unavailable: (what: string) => new HttpRefusal(503, `${what} is not running in this stack`),
};
