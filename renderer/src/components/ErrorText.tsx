/**
 * An error where the clerk is looking: under the field or in the panel it concerns. The text is the
 * backend's translated message (or the UI's own, for input it refuses before calling). Always in the DOM
 * with its test id, so tests and screen readers find the area; empty when there is nothing to say.
 */
export function ErrorText({ testId, message, large = false }: { testId: string; message: string | null | undefined; large?: boolean }) {
  return (
    <div className={large ? 'error-text error-large' : 'error-text'} data-testid={testId} role="alert" aria-live="assertive">
      {message ?? ''}
    </div>
  );
}
