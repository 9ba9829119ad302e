// What a handler observes of its HttpRequest, and responses of any shape: the same app runs under the host's
// own conversion and under the library's, and the test compares the two byte for byte.
const { app, HttpResponse } = require('@azure/functions');

async function settle(fn) {
  try {
    const v = await fn();
    if (v instanceof ArrayBuffer) return { arrayBuffer: Buffer.from(v).toString('base64') };
    if (v instanceof Blob) return { blob: v.type, text: await v.text() };
    if (v instanceof FormData) return { formData: [...v.entries()].map(([k, x]) => [k, String(x)]) };
    return { value: v };
  } catch (err) {
    return { error: err.constructor.name, message: err.message };
  }
}

async function readStream(req) {
  const chunks = [];
  for await (const c of req.body) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks).toString();
}

const readers = {
  text: (r) => r.text(),
  json: (r) => r.json(),
  arrayBuffer: (r) => r.arrayBuffer(),
  blob: (r) => r.blob(),
  formData: (r) => r.formData(),
  stream: (r) => readStream(r),
};

app.http('inspect', {
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
  route: 'inspect/{id?}',
  handler: async (req, context) => {
    const seen = {
      method: req.method,
      url: req.url,
      headers: [...req.headers],
      headersIsHeaders: req.headers instanceof Headers,
      query: [...req.query],
      queryAll: req.query.getAll('a'),
      params: req.params,
      user: req.user,
      bodyUsedBefore: req.bodyUsed,
      invocationId: typeof context.invocationId,
    };
    const mode = req.query.get('read') ?? 'text';
    if (mode === 'clone') {
      const copy = req.clone();
      seen.cloneFirst = await settle(() => copy.text());
      seen.original = await settle(() => req.text());
      seen.cloneAfterRead = await settle(() =>
        Promise.resolve()
          .then(() => req.clone())
          .then(() => 'cloned'),
      );
    } else {
      seen.first = await settle(() => readers[mode](req));
      seen.bodyUsedAfter = req.bodyUsed;
      seen.second = await settle(() => req.text());
    }
    // Touched only now: the body getter builds a stream, so looking first would hide the buffered read paths.
    seen.bodyIsNull = req.body === null;
    seen.bodyIsStream = req.body instanceof ReadableStream;
    seen.bodyLocked = req.body?.locked;
    seen.headersAfter = req.headers.get('x-mutated');
    req.headers.set('x-mutated', 'yes');
    seen.headersMutable = req.headers.get('x-mutated');
    return { jsonBody: seen };
  },
});

// The response is whatever the request's JSON describes; `kind` chooses a body type JSON cannot carry.
app.http('respond', {
  methods: ['POST'],
  route: 'respond',
  handler: async (req) => {
    const spec = await req.json();
    const init = { ...spec.init };
    if (spec.kind === 'bytes') init.body = Buffer.from(spec.body, 'utf8');
    if (spec.kind === 'arrayBuffer') init.body = new TextEncoder().encode(spec.body).buffer;
    if (spec.kind === 'searchParams') init.body = new URLSearchParams(spec.body);
    if (spec.kind === 'headersObject') init.headers = new Headers(spec.init.headers);
    if (spec.kind === 'httpResponse') return new HttpResponse(init);
    if (spec.kind === 'bigint') init.jsonBody = { n: 1n };
    return init;
  },
});
