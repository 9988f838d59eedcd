import { toErrorEnvelope } from '../backend/dispatch';
import { PasswordErrorCode, withDefaultPassword } from '../backend/db/open';
import { COMMANDS } from './commands';
import { EXIT, PASSWORD_VARIABLE, UsageError, exitFor, parse, passwordFromEnv, processIo, type CliIo } from './io';

/** The command line's words for a missing or wrong password: where it is read from. */
function passwordReason(code: string | undefined, message: string): string {
  if (code === PasswordErrorCode.required) return `${message.replace(/需要输入密码才能打开。?$/, '需要密码才能打开。')}请在环境变量 ${PASSWORD_VARIABLE} 中给出密码。未做任何改动。`;
  if (code === PasswordErrorCode.wrong) return `环境变量 ${PASSWORD_VARIABLE} 中的密码不正确，无法打开数据文件。未做任何改动。`;
  return message;
}

/** Finds the command whose words the arguments start with (the longest match wins). */
function select(argv: string[]) {
  const words = argv.filter((a) => !a.startsWith('-'));
  return [...COMMANDS]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((w, i) => words[i] === w));
}

function usage(): string {
  return [
    '用法：npm run -s cli -- <命令> --db 数据文件 [--json]',
    '',
    ...COMMANDS.map((c) => '  ' + c.summary),
    '',
    '加 --json 时只在标准输出打印一个 JSON；退出码 0 成功，1 输入被拒绝（原因写在标准错误），2 用法错误或内部错误。',
    '约定的全文见 docs/cli.md。某条命令的用法：<命令> --help',
  ].join('\n');
}

const HELP = new Set(['--help', '-h', 'help']);

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const cmd = select(argv.filter((a) => !HELP.has(a)));
  if (argv.some((a) => HELP.has(a))) {
    io.out(cmd ? `用法：npm run -s cli -- ${cmd.summary}` : usage());
    return EXIT.ok;
  }
  if (!cmd) {
    io.err(argv.length ? `未知命令：${argv.join(' ')}\n\n${usage()}` : usage());
    return EXIT.usage;
  }
  try {
    const parsed = parse(cmd, argv);
    const positionals = parsed.positionals.slice(cmd.path.length);
    // every command opens an encrypted data file with the password from the environment
    return await withDefaultPassword(passwordFromEnv(io), async () => cmd.run({ values: parsed.values as Record<string, string | boolean | undefined>, positionals }, io));
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(err as Error).message}\n\n${usage()}`);
      return EXIT.usage;
    }
    const env = toErrorEnvelope(err, (e) => io.err(String((e as Error)?.stack ?? e)));
    io.err(env.ok ? '' : passwordReason(env.error.code, env.error.message));
    return exitFor(err) === EXIT.refused || (!env.ok && env.error.code !== 'INTERNAL') ? EXIT.refused : EXIT.usage;
  }
}

if (require.main === module) {
  // archiver (under ExcelJS) still calls the old Buffer constructor; bundled into this file, Node
  // takes it for our code and prints an English deprecation notice on every export. The
  // command line's stderr is for messages to the user.
  process.noDeprecation = true;
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`程序内部错误：${String(err)}\n`);
      process.exitCode = EXIT.usage;
    },
  );
}
