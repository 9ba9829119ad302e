/** Errors of the offline Cosmos DB. Wire errors carry Cosmos DB's status code and `code` string. */
export class CosmosEmulatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CosmosEmulatorError';
  }
}

/** A HybridRow or RecordIO payload that does not decode (the .NET SDK's batch format); the route answers 400. */
export class HybridRowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HybridRowError';
  }
}

/** An error answered over the wire, in Cosmos DB's `{ code, message }` shape. */
export class CosmosWireError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CosmosWireError';
  }
}

export const wireErrors = {
  badRequest: (message: string) => new CosmosWireError(400, 'BadRequest', message),
  notFound: (message = 'Resource Not Found') => new CosmosWireError(404, 'NotFound', message),
  conflict: (message: string) => new CosmosWireError(409, 'Conflict', message),
  preconditionFailed: () =>
    new CosmosWireError(
      412,
      'PreconditionFailed',
      'Operation cannot be performed because one of the specified precondition is not met.',
    ),
  methodNotAllowed: (method: string) =>
    new CosmosWireError(405, 'MethodNotAllowed', `The ${method} method is not allowed on this resource.`),
  notImplemented: (message: string) => new CosmosWireError(501, 'NotImplemented', message),
  requestTooLarge: () => new CosmosWireError(413, 'RequestEntityTooLarge', 'Request size is too large.'),
};

export function portInUse(port: number): CosmosEmulatorError {
  return new CosmosEmulatorError(
    `Cosmos DB emulator: port ${port} is already in use (another \`npm run dev\` or Cosmos DB emulator running?). ` +
      'Stop it or choose another port with --port.',
  );
}

/** Every caught `unknown` goes through here so callers always hold an Error. */
export function ensureError(err: unknown): Error {
  if (err instanceof Error) return err;
  return new Error(typeof err === 'string' ? err : JSON.stringify(err));
}
