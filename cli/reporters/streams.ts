/** The parts of process.stdout and process.stderr a reporter writes to. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}
