// `warroom`: the same core and store as the extension, for scripts and CI.
import { escapeControls } from '../core/text/controls';
import { nearest, parseArgs, usageFor, usageLines, UsageError } from './args';
import { CliCommand, CliIo } from './command';
import { COMMANDS } from './registry';

function help(): string {
  // Usage on its own line, what it does under it: usages run from 20 to 200 columns, so a
  // shared column would push every summary off a terminal.
  return [
    'Usage: warroom <command> [options]',
    '',
    ...COMMANDS.flatMap((c) => [...usageLines(c).map((line) => `  ${line}`), `      ${c.summary}`]),
    '',
    'Incidents are read from the nearest .warroom folder above the current directory',
    '(or --dir <data dir>, or $WARROOM_DATA_DIR).',
  ].join('\n');
}

/** `Usage: warroom …` with a line for each sub-command shown (`lines`, else those argv runs), aligned under the first. */
function usageText(command: CliCommand, argv: readonly string[], purpose: 'error' | 'help', lines?: readonly string[]): string {
  return `Usage: ${(lines ?? usageFor(argv, command, purpose)).map((line) => `warroom ${line}`).join('\n       ')}`;
}

export async function main(argv: readonly string[], terminal: CliIo): Promise<number> {
  // Every line goes through here: titles, notes, commit subjects and file names come from teammates
  // and cloned repositories, and a control character in them must not reach the terminal as one.
  const io: CliIo = { ...terminal, out: (text) => terminal.out(escapeControls(text)), err: (text) => terminal.err(escapeControls(text)) };
  const [first, ...afterFirst] = argv;
  // `warroom help <command> [<sub-command>]` is `warroom <command> [<sub-command>] --help`.
  const [name, ...rest] = first === 'help' && afterFirst.length ? [...afterFirst, '--help'] : argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const guess = nearest(
      name,
      COMMANDS.map((c) => c.name),
    );
    // The guess, or the commands by name: sixty lines of usage would push the typo off the screen.
    io.err(
      `warroom: unknown command "${name}" (${guess ? `did you mean ${guess}?` : `the commands: ${COMMANDS.map((c) => c.name).join(', ')}`})\n` +
        'warroom help lists each with its options',
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${usageText(command, rest, 'help')}\n      ${command.summary}`);
    return 0;
  }
  try {
    return await command.run(parseArgs(rest, command), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`warroom ${name}: ${error.message}\n${usageText(command, rest, 'error', error.usage)}`);
      return 2;
    }
    io.err(`warroom ${name}: ${(error as Error).message}`);
    return 1;
  }
}

/**
 * Writes to a standard stream until its reader goes away (`warroom list | head -1`), then drops the
 * rest. A closed pipe is the reader's choice, not an error: without a listener Node throws EPIPE as an
 * unhandled 'error' event, with a stack trace and exit code 1, possibly in the middle of an import.
 * The command still finishes its work and exits with its own code.
 */
function lineWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let readerGone = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') {
      throw error;
    }
    readerGone = true;
  });
  return (text) => {
    if (!readerGone) {
      stream.write(text.endsWith('\n') ? text : text + '\n');
    }
  };
}

if (require.main === module) {
  const io: CliIo = {
    out: lineWriter(process.stdout),
    err: lineWriter(process.stderr),
    cwd: process.cwd(),
    env: process.env,
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
