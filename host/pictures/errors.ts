/**
 * Bad input to a picture (a log without events, an invalid board file, a
 * session number out of range). The CLI turns it into a usage error (exit 2).
 */
export class PictureInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PictureInputError";
  }
}
