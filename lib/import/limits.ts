/**
 * The largest file the administration's import form takes: it is read whole before being written to
 * disk. Larger exports are imported by the host with `npm run import`, which streams any size.
 */
export const MAX_IMPORT_UPLOAD_BYTES = 64 * 1024 * 1024;

/** The largest feed fetched from an address. */
export const MAX_FEED_BYTES = 50 * 1024 * 1024;
