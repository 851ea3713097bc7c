/** Next's cache handler `Inner`, with writes of renders overtaken by an expiration dropped. */
export function guardAgainstRacingRenders<T extends abstract new (context: never) => unknown>(Inner: T): T;
