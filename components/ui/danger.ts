/** The look of a button that destroys something for good: red, never the blog's accent colour. */
export const DANGER_BUTTON = "rounded bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900 disabled:opacity-60";
