import type { FormState } from "@/lib/forms";

/** The form's overall outcome, announced to screen readers. */
export function FormMessage({ state }: { state: FormState }) {
  if (!state) return null;
  if (state.ok) {
    return state.message ? (
      <p role="status" className="rounded border border-green-700 bg-green-50 p-3 text-green-900">
        {state.message}
      </p>
    ) : null;
  }
  return (
    <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
      {state.error}
    </p>
  );
}
