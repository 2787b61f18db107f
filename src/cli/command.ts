import { ParsedArgs } from './args';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  /** The first word: `list`, `show`, `correlate`, `runbooks` ... */
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** Resolves to the process exit code. Throw UsageError for bad arguments. */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}
