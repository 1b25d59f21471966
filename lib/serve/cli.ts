/**
 * `deno task serve [--port N] [--host H] [--out DIR] [--lang en|zh]`: the course in the
 * browser. A local web server (Deno's own `Deno.serve`) showing the course home (every lesson,
 * its latest result and report) and the playground (draw a digit, watch a saved model read
 * it). It listens on 127.0.0.1 unless told otherwise and serves only the course's pages, tfjs
 * from the installed packages, and the run outputs under `--out`.
 *
 * @module
 */
import { parseCommandLine, parseCount, usageLine } from "../cli/args.ts";
import { runCommand, UsageError } from "../cli/errors.ts";
import { type Bilingual, chooseLanguage, speaker } from "../cli/language.ts";
import { bundlePage } from "./bundle.ts";
import { courseHandler } from "./handler.ts";

const USAGE = "usage: deno task serve [--port N] [--host H] [--out DIR] [--lang en|zh]";
const HELP = {
  usage: USAGE,
  text: {
    en: [
      USAGE,
      "",
      "Serves the course home and the playground (draw a digit, watch your model read it) at",
      "http://127.0.0.1:<port>/, offline. Stop it with Ctrl-C.",
      "",
      "  --port N      the port (default 8000; 0: any free port)",
      "  --host H      the address to listen on (default 127.0.0.1, this computer only;",
      "                0.0.0.0 lets every computer on the network in, e.g. a classroom projector)",
      "  --out DIR     where lessons wrote their output (default out)",
      "  --lang en|zh  the pages' language (default: from LANG)",
      "  -h, --help    show this help",
      "",
      "Example: deno task lesson 7 && deno task serve",
    ].join("\n"),
    zh: [
      usageLine(USAGE).zh,
      "",
      "在 http://127.0.0.1:<port>/ 上离线提供课程主页和试验场（写一个数字，看你的模型怎么认）。",
      "按 Ctrl-C 停止。",
      "",
      "  --port N      端口（默认 8000；0 表示任选一个空闲端口）",
      "  --host H      监听的地址（默认 127.0.0.1，只有本机能访问；",
      "                0.0.0.0 让网络上的每台计算机都能访问，例如教室的投影电脑）",
      "  --out DIR     各课写输出的地方（默认 out）",
      "  --lang en|zh  页面的语言（默认取自 LANG）",
      "  -h, --help    显示本帮助",
      "",
      "示例：deno task lesson 7 && deno task serve",
    ].join("\n"),
  },
};

/** Addresses only this computer can reach. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(argv, {
    port: { type: "string", default: "8000" },
    host: { type: "string", default: "127.0.0.1" },
    out: { type: "string", default: "out" },
    lang: { type: "string" },
  }, HELP);
  const language = chooseLanguage(values.lang);
  const say = speaker(language);
  if (positionals.length > 0) {
    throw new UsageError({
      en: `unexpected argument "${positionals[0]}" (${USAGE})`,
      zh: `多余的参数 "${positionals[0]}"（${usageLine(USAGE).zh}）`,
    });
  }
  const port = parseCount("--port", values.port, 0)!;
  if (port > 65535) {
    throw new UsageError({
      en: `--port must be at most 65535, got "${values.port}"`,
      zh: `--port 不能大于 65535，收到的是 "${values.port}"`,
    });
  }
  const info = await Deno.stat(values.out).catch(() => undefined);
  if (info && !info.isDirectory) {
    throw new UsageError({
      en: `--out ${values.out}: not a folder; expected where lessons write`,
      zh: `--out ${values.out}：不是文件夹；应当是各课写输出的地方`,
    });
  }
  const handler = courseHandler({ outRoot: values.out, language, script: await bundlePage() });
  const host = values.host;
  const listening = Promise.withResolvers<number>();
  let server: Deno.HttpServer;
  try {
    server = Deno.serve({
      hostname: host,
      port,
      onListen: ({ port }) => listening.resolve(port),
    }, handler);
  } catch (error) {
    const said = (error as Error).message.split("\n")[0];
    const reason: Bilingual = error instanceof Deno.errors.AddrInUse
      ? {
        en: "already in use; choose another with --port N (0: any free port)",
        zh: "已被占用；请用 --port N 换一个（0 表示任选一个空闲端口）",
      }
      : { en: `cannot listen there (${said})`, zh: `无法在那里监听（${said}）` };
    throw new UsageError({
      en: `--host ${host} --port ${port}: ${reason.en}`,
      zh: `--host ${host} --port ${port}：${reason.zh}`,
    });
  }
  const bound = await listening.promise;
  const shown = LOOPBACK.test(host) || host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  if (!LOOPBACK.test(host)) {
    console.error(say({
      en:
        `warning: --host ${host}: every computer on the network can open these pages and your run outputs under ${values.out}/`,
      zh:
        `警告：--host ${host}：网络上的每台计算机都能打开这些页面以及 ${values.out}/ 下你的运行结果`,
    }));
  }
  console.log(say({
    en: `Serving the course at http://${shown}:${bound}/  (playground: /playground; Ctrl-C stops)`,
    zh: `课程已在 http://${shown}:${bound}/ 上提供（试验场：/playground；按 Ctrl-C 停止）`,
  }));
  await server.finished;
}

if (import.meta.main) await runCommand(() => main(Deno.args));
