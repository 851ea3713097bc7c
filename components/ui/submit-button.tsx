"use client";

import { useFormStatus } from "react-dom";

/** A submit button that says it is working while its form is being sent (with JavaScript). */
export function SubmitButton({ children, pendingLabel, name, value, className, formAction }: {
  children: React.ReactNode;
  pendingLabel: string;
  name?: string;
  value?: string;
  className?: string;
  formAction?: (formData: FormData) => void;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      name={name}
      value={value}
      formAction={formAction}
      disabled={pending}
      aria-disabled={pending}
      className={className ?? "rounded bg-[var(--accent)] px-4 py-2 font-semibold text-white hover:opacity-90 disabled:opacity-60"}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
