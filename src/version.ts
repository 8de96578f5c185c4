/** Package version, reported by `unspin --version` and stamped into JSON output. */
export const VERSION = '0.1.0';
