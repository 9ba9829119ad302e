import { PipelineError } from '../events/errors';

/** No dead letter with that id (HTTP 404). */
export class DeadLetterNotFoundError extends PipelineError {
  override readonly name = 'DeadLetterNotFoundError';
}
