/**
 * `trove search … | head` closes the pipe before Trove has written everything. The reader has what it wanted,
 * so Trove stops quietly, as grep or ls do, instead of dying on the unhandled EPIPE with a stack trace. Any
 * other failure to write the output (a full disk behind `> file`) is one line and a non-zero exit.
 */
export function stopQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    process.stderr.write(`trove: cannot write the output: ${error.message.split('\n')[0]}\n`);
    process.exit(1);
  });
}
