import { PipelineError } from '../events/errors';

/** The provider did not accept an email: the command is retried by Service Bus. */
export class EmailSendError extends PipelineError {
  override readonly name = 'EmailSendError';
}

/** Another delivery of the same command holds a fresh claim: retry later rather than send twice. */
export class EmailClaimBusyError extends PipelineError {
  override readonly name = 'EmailClaimBusyError';
}

/** Neither ACS_ENDPOINT nor SMTP_URL is set. */
export class NoEmailTransportError extends PipelineError {
  override readonly name = 'NoEmailTransportError';
}
