/** A problem that stops the whole run (exit code 2), already worded for the user. */
export class RunError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
