#!/usr/bin/env node
/**
 * The `unspin` command. Each subcommand lives in ./commands/<name>.ts and registers itself;
 * this file only wires them up and turns every failure into a one-line message and a
 * documented exit code (README "Exit codes").
 */
import { Command, CommanderError } from 'commander';
import { ExitCode, isUnspinError } from '../errors.js';
import { VERSION } from '../version.js';
import { registerExtract } from './commands/extract.js';
import { registerRestore } from './commands/restore.js';
import { registerDetect } from './commands/detect.js';
import { registerLearn } from './commands/learn.js';
import { registerInspect } from './commands/inspect.js';
import { registerServe } from './commands/serve.js';
import { registerIndex } from './commands/index.js';
import { registerTrace } from './commands/trace.js';
import { registerIngest } from './commands/ingest.js';
import { registerWorker } from './commands/worker.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('unspin')
    .description('Tell what a news page really is: the article, its spinning, its original wording, its source.')
    .version(VERSION)
    .showHelpAfterError('(run unspin --help for usage)')
    .exitOverride();
  registerExtract(program);
  registerRestore(program);
  registerDetect(program);
  registerLearn(program);
  registerInspect(program);
  registerServe(program);
  registerIndex(program);
  registerTrace(program);
  registerIngest(program);
  registerWorker(program);
  return program;
}

export function reportFailure(e: unknown): number {
  if (e instanceof CommanderError) {
    // Commander already printed its message; help and version are successes.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.ok;
    return ExitCode.usage;
  }
  if (isUnspinError(e)) {
    process.stderr.write(`unspin: ${e.message}\n`);
    return e.exitCode;
  }
  const detail = e instanceof Error ? e.message : String(e);
  process.stderr.write(`unspin: internal error: ${detail}\n(this is a bug; set UNSPIN_DEBUG=1 for a stack trace and please report it)\n`);
  if (process.env.UNSPIN_DEBUG && e instanceof Error) process.stderr.write(`${e.stack ?? ''}\n`);
  return ExitCode.internal;
}

async function main(argv: string[]): Promise<number> {
  process.on('SIGINT', () => process.exit(ExitCode.interrupted));
  // A closed pipe (`unspin extract x | head`) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(ExitCode.ok);
  });
  try {
    await buildProgram().parseAsync(argv);
    return process.exitCode === undefined ? ExitCode.ok : Number(process.exitCode);
  } catch (e) {
    return reportFailure(e);
  }
}

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => { process.exitCode = reportFailure(e); },
);
