import { useState } from 'react';

/**
 * The life of a form's submission: once tried, its field problems show; while the node works the
 * button is busy; when the node refuses, its problem is kept to show in the user's language.
 */
export function useFormSubmission() {
  const [submitted, setSubmitted] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  /** Marks the form tried and, when its fields are valid, runs the work; a failure is kept, not thrown. */
  async function attempt(valid: boolean, work: () => Promise<void>): Promise<void> {
    setSubmitted(true);
    setFailure(null);
    if (!valid) return;
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  /** For a form cleared for a new entry (after a success, or another kind chosen): its problems hide until tried again. */
  const reset = () => setSubmitted(false);

  return { submitted, failure, busy, attempt, reset };
}
