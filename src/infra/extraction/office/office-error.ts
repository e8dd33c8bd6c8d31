/** A failure whose message is already complete (not wrapped again). */
export class OfficeError extends Error {}
